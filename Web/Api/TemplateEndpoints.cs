using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>Named specs: list, save (replacing one of the same name), delete.</summary>
public static class TemplateEndpoints
{
    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates");
        templates.MapGet("", (TemplateStore store, CancellationToken ct) => store.ListAsync(RunEndpoints.LabOwner, ct));
        templates.MapPut("/{name}", async (string name, HttpRequest request, TemplateStore store, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                return SpecRequest.Problem([new ValidationError("Name", $"Name must have 1 to 200 characters; got {name.Length}.")]);
            }
            var (spec, problem) = await SpecRequest.ReadAsync<ExperimentSpec>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var errors = ExperimentSpecValidator.Validate(spec);
            if (errors.Count > 0)
            {
                return SpecRequest.Problem(errors);
            }
            await store.SaveAsync(RunEndpoints.LabOwner, name, spec!, ct);
            return Results.NoContent();
        });
        templates.MapDelete("/{name}", async (string name, TemplateStore store, CancellationToken ct) =>
            await store.DeleteAsync(RunEndpoints.LabOwner, name, ct) ? Results.NoContent() : Results.NotFound());
        return app;
    }
}

using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>Each member's named specs: list, save (replacing one of the same name), delete.</summary>
public static class TemplateEndpoints
{
    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates").RequireAuthorization(LabPolicies.Member);
        templates.MapGet("", (ClaimsPrincipal user, TemplateStore store, CancellationToken ct) => store.ListAsync(RunAccess.OwnerName(user), ct));
        templates.MapPut("/{name}", async (string name, HttpRequest request, ClaimsPrincipal user, TemplateStore store, CancellationToken ct) =>
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
            await store.SaveAsync(RunAccess.OwnerName(user), name, spec!, ct);
            return Results.NoContent();
        });
        templates.MapDelete("/{name}", async (string name, ClaimsPrincipal user, TemplateStore store, CancellationToken ct) =>
            await store.DeleteAsync(RunAccess.OwnerName(user), name, ct) ? Results.NoContent() : Results.NotFound());
        return app;
    }
}

using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Api;

namespace LocalityLab.Web.Templates;

/// <summary>Each member's named specs over HTTP: list, save (replacing one of the same name), delete; <see cref="TemplateService"/> decides.</summary>
public static class TemplateEndpoints
{
    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates").RequireAuthorization(LabPolicies.Member);
        templates.MapGet("", (ClaimsPrincipal user, TemplateService service, CancellationToken ct) => service.ListAsync(user, ct));
        templates.MapPut("/{name}", async (string name, HttpRequest request, ClaimsPrincipal user, TemplateService service, CancellationToken ct) =>
        {
            var (spec, problem) = await SpecRequest.ReadAsync<ExperimentSpec>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var errors = await service.SaveAsync(user, name, spec, ct);
            return errors.Count > 0 ? SpecRequest.Problem(errors) : Results.NoContent();
        });
        templates.MapDelete("/{name}", async (string name, ClaimsPrincipal user, TemplateService service, CancellationToken ct) =>
            (await service.DeleteAsync(user, name, ct)).Or(Results.NoContent()));
        return app;
    }
}

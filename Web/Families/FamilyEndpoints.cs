using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Api;
using LocalityLab.Web.Sharing;

namespace LocalityLab.Web.Families;

/// <summary>
/// Families of runs: comparisons with the controls and sweeps (queued together), and saved comparisons of stored runs;
/// and a family's share links, which its owner or an admin manages when they may share every member run.
/// </summary>
public static class FamilyEndpoints
{
    public static IEndpointRouteBuilder MapFamilyEndpoints(this IEndpointRouteBuilder app)
    {
        var families = app.MapGroup("/api/families").RequireAuthorization(LabPolicies.Member);
        families.MapGet("", (ClaimsPrincipal user, FamilyService service, CancellationToken ct) => service.ListAsync(user, ct));
        families.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, FamilyService service, CancellationToken ct) =>
            await service.FindAsync(user, id, ct) is { } family ? Results.Ok(family) : Results.NotFound());
        families.MapPost("/controls", async (HttpRequest request, ClaimsPrincipal user, FamilyService service, CancellationToken ct) =>
        {
            var (spec, problem) = await SpecRequest.ReadAsync<ExperimentSpec>(request, ct);
            return problem ?? Created(await service.SubmitControlsAsync(user, spec, ct));
        });
        families.MapPost("/sweep", async (HttpRequest request, ClaimsPrincipal user, FamilyService service, CancellationToken ct) =>
        {
            var (sweep, problem) = await SpecRequest.ReadAsync<SweepRequest>(request, ct);
            return problem ?? Created(await service.SubmitSweepAsync(user, sweep, ct));
        });
        families.MapPost("/comparison", async (HttpRequest request, ClaimsPrincipal user, FamilyService service, CancellationToken ct) =>
        {
            var (comparison, problem) = await SpecRequest.ReadAsync<ComparisonRequest>(request, ct);
            return problem ?? Created(await service.SaveComparisonAsync(user, comparison, ct));
        });
        ShareEndpoints.MapLinks(families.MapGroup("/{id:guid}/shares"), ShareSubject.Family);
        return app;
    }

    private static IResult Created((FamilyInfo? Family, IReadOnlyList<ValidationError> Errors) outcome) =>
        outcome.Family is { } family ? Results.Created($"/api/families/{family.Id}", family) : SpecRequest.Problem(outcome.Errors);
}

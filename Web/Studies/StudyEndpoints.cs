using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Api;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Studies;

/// <summary>
/// The studies API: estimate and submit a study, read it (snapshot, spec, summary as JSON or CSV), cancel, resume,
/// delete, share. Members read every study, a share link's caller the study of its link; only its owner or an admin
/// changes or shares it. Its replicates are runs (/api/runs/{id}).
/// </summary>
public static class StudyEndpoints
{
    public static IEndpointRouteBuilder MapStudyEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").RequireAuthorization(LabPolicies.Viewer);
        studies.MapPost("", SubmitAsync).RequireAuthorization(LabPolicies.Member);
        studies.MapPost("/estimate", EstimateAsync).RequireAuthorization(LabPolicies.Member);
        studies.MapGet("", (ClaimsPrincipal user, StudyService service, CancellationToken ct) => service.ListAsync(user, ct)).RequireAuthorization(LabPolicies.Member);
        studies.MapGet("/presets", () => StudyPresets.All).RequireAuthorization(LabPolicies.Member);
        var reads = studies.MapGroup("/{id:guid}").AddEndpointFilter<ReadableStudyFilter>();
        reads.MapGet("", async (Guid id, ClaimsPrincipal user, StudyService service, CancellationToken ct) =>
            await service.SnapshotAsync(user, id, ct) is { } snapshot ? Results.Json(snapshot, SpecJson.Options) : Results.NotFound());
        reads.MapGet(StudyFiles.FileRoute, (Guid id, string file, StudyStore store, RunStore runs, CancellationToken ct) =>
            StudyFiles.FileAsync(store, runs, id, file, ct));
        reads.MapGet("/" + StudyFiles.ExportName, (Guid id, StudyStore store, RunStore runs, CancellationToken ct) => StudyFiles.ExportAsync(store, runs, id, ct));
        var manage = studies.MapGroup("/{id:guid}").RequireAuthorization(LabPolicies.Member);
        manage.MapPost("/cancel", async (Guid id, ClaimsPrincipal user, StudyService service, CancellationToken ct) =>
            (await service.CancelAsync(user, id, ct)).Or(Results.Accepted()));
        manage.MapPost("/resume", async (Guid id, ClaimsPrincipal user, StudyService service, CancellationToken ct) =>
            (await service.ResumeAsync(user, id, ct)).Or(Results.Accepted()));
        manage.MapDelete("", async (Guid id, ClaimsPrincipal user, StudyService service, CancellationToken ct) =>
            (await service.DeleteAsync(user, id, ct)).Or(Results.NoContent()));
        ShareEndpoints.MapLinks(manage.MapGroup("/shares"), ShareSubject.Study);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal user, StudyService service, CancellationToken ct,
        [FromQuery] bool runAgain = false)
    {
        var (study, problem) = await SpecRequest.ReadAsync<StudySpec>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await service.SubmitAsync(user, study, runAgain, ct);
        if (!outcome.Accepted)
        {
            return SpecRequest.Problem(outcome.Errors);
        }
        return outcome.AlreadyComputed ? Results.Ok(outcome.Study) : Results.Created($"/api/studies/{outcome.Study!.Id}", outcome.Study);
    }

    private static async Task<IResult> EstimateAsync(HttpRequest request, StudyService service, CancellationToken ct)
    {
        var (study, problem) = await SpecRequest.ReadAsync<StudySpec>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (estimate, errors) = service.Estimate(study);
        return estimate is null ? SpecRequest.Problem(errors) : Results.Ok(new { estimate, errors });
    }
}

using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Api;

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
        studies.MapGet("", (StudyService service, CancellationToken ct) => service.ListAsync(ct)).RequireAuthorization(LabPolicies.Member);
        studies.MapGet("/presets", () => StudyPresets.All).RequireAuthorization(LabPolicies.Member);
        var reads = studies.MapGroup("/{id:guid}").AddEndpointFilter<ReadableStudyFilter>();
        reads.MapGet("", async (Guid id, StudyService service, CancellationToken ct) =>
            await service.SnapshotAsync(id, ct) is { } snapshot ? Results.Json(snapshot, SpecJson.Options) : Results.NotFound());
        reads.MapGet(StudyFiles.FileRoute, (Guid id, string file, StudyStore store, RunStore runs, CancellationToken ct) =>
            StudyFiles.FileAsync(store, runs, id, file, ct));
        reads.MapGet("/" + StudyFiles.ExportName, (Guid id, StudyStore store, RunStore runs, CancellationToken ct) => StudyFiles.ExportAsync(store, runs, id, ct));
        var manage = studies.MapGroup("/{id:guid}").RequireAuthorization(LabPolicies.Member);
        manage.MapPost("/cancel", async (Guid id, StudyService service, CancellationToken ct) =>
                await service.CancelAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "The study is neither queued nor running." }))
            .AddEndpointFilter(new ManagedStudyFilter("cancel"));
        manage.MapPost("/resume", async (Guid id, StudyService service, CancellationToken ct) =>
                await service.ResumeAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "Only an interrupted, cancelled or failed study can be resumed." }))
            .AddEndpointFilter(new ManagedStudyFilter("resume"));
        manage.MapDelete("", async (Guid id, StudyService service, CancellationToken ct) =>
                await service.DeleteAsync(id, ct) is { } refusal ? Results.Conflict(new { error = refusal }) : Results.NoContent())
            .AddEndpointFilter(new ManagedStudyFilter("delete"));
        ShareEndpoints.MapLinks(studies.MapGroup("/{id:guid}/shares").RequireAuthorization(LabPolicies.Member).AddEndpointFilter(new ManagedStudyFilter("share")),
            (links, id, by, request, ct) => links.CreateForStudyAsync(id, by, request, ct));
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
        var outcome = await service.SubmitAsync(study, RunAccess.OwnerName(user), runAgain, ct);
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

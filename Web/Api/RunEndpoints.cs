using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Api;

/// <summary>
/// The runs API: submit, read runs and rounds, a round's arrays (.npz) and atlas (PNG), cancel, resume, re-run, delete.
/// Members read every run and submit; a share-link caller reads only its run (others are 404 to it) and changes
/// nothing (403); only the owner or an admin cancels, resumes or deletes a run.
/// </summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").RequireAuthorization(LabPolicies.Viewer);
        runs.MapPost("", SubmitAsync).RequireAuthorization(LabPolicies.Member);
        runs.MapGet("", async (string? status, string? search, string? limit, string? cursor, RunStore store, CancellationToken ct) =>
            RunListQuery.Parse(status, search, limit, cursor, out var errors) is { } query
                ? Results.Ok(await store.ListAsync(query, ct))
                : SpecRequest.Problem(errors)).RequireAuthorization(LabPolicies.Member);
        var reads = runs.MapGroup("/{id:guid}").AddEndpointFilter<ReadableRunFilter>();
        reads.MapGet("", async (Guid id, RunStore store, CancellationToken ct) =>
            await store.InfoAsync(id, ct) is { } info ? Results.Ok(info) : Results.NotFound());
        reads.MapGet("/spec", async (Guid id, RunStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } run ? Results.Text(run.SpecJson, "application/json") : Results.NotFound());
        reads.MapGet("/rounds", async (Guid id, RunStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is null ? Results.NotFound() : Results.Json(await store.RoundsAsync(id, withArrays: false, ct), SpecJson.Options));
        foreach (var (file, serve) in RoundFiles.WholeRun)
        {
            reads.MapGet("/" + file, (Guid id, RunStore store, CancellationToken ct) => serve(store, id, ct));
        }
        reads.MapGet("/rounds/{round:int}/arrays.npz", (Guid id, int round, RunStore store, CancellationToken ct) => RoundFiles.ArraysAsync(store, id, round, ct));
        reads.MapGet("/rounds/{round:int}/atlas.png", (Guid id, int round, RunStore store, CancellationToken ct) => RoundFiles.AtlasAsync(store, id, round, ct));
        runs.MapPost("/{id:guid}/cancel", async (Guid id, ExperimentService service, CancellationToken ct) =>
                await service.CancelAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "The run is neither queued nor running." }))
            .RequireAuthorization(LabPolicies.Member).AddEndpointFilter(new ManagedRunFilter("cancel"));
        runs.MapPost("/{id:guid}/resume", async (Guid id, ExperimentService service, CancellationToken ct) =>
                await service.ResumeAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "Only an interrupted or cancelled run can be resumed." }))
            .RequireAuthorization(LabPolicies.Member).AddEndpointFilter(new ManagedRunFilter("resume"));
        runs.MapPost("/{id:guid}/rerun", RerunAsync).RequireAuthorization(LabPolicies.Member);
        runs.MapDelete("/{id:guid}", async (Guid id, ExperimentService service, CancellationToken ct) =>
                await service.DeleteAsync(id, ct) is { } refusal ? Results.Conflict(new { error = refusal }) : Results.NoContent())
            .RequireAuthorization(LabPolicies.Member).AddEndpointFilter(new ManagedRunFilter("delete"));
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal user, ExperimentService service, CancellationToken ct,
        [FromQuery] bool runAgain = false)
    {
        var (spec, problem) = await SpecRequest.ReadAsync<ExperimentSpec>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await service.SubmitAsync(spec, RunAccess.OwnerName(user), runAgain, ct);
        if (!outcome.Accepted)
        {
            return SpecRequest.Problem(outcome.Errors);
        }
        return outcome.AlreadyComputed ? Results.Ok(outcome.Run) : Results.Created($"/api/runs/{outcome.Run!.Id}", outcome.Run);
    }

    private static async Task<IResult> RerunAsync(Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
        await service.RerunAsync(id, RunAccess.OwnerName(user), ct) switch
        {
            null => Results.NotFound(),
            { Run: { } run } => Results.Created($"/api/runs/{run.Id}", run),
            var refused => SpecRequest.Problem(refused.Errors),
        };
}

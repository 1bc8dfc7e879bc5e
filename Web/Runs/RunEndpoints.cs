using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The runs API: submit, read runs and rounds, a round's arrays (.npz) and atlas (PNG), cancel, resume, re-run, delete.
/// Members read every run and submit; a share-link caller reads only its run (others are 404 to it) and changes
/// nothing (403); only the owner or an admin cancels, resumes or deletes a run. <see cref="ExperimentService"/> decides.
/// </summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").RequireAuthorization(LabPolicies.Viewer);
        runs.MapPost("", SubmitAsync).RequireAuthorization(LabPolicies.Member);
        runs.MapGet("", async (string? status, string? search, string? limit, string? cursor, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            RunListQuery.Parse(status, search, limit, cursor, out var errors) is { } query
                ? Results.Ok(await service.ListAsync(user, query, ct))
                : SpecRequest.Problem(errors)).RequireAuthorization(LabPolicies.Member);
        var reads = runs.MapGroup("/{id:guid}").AddEndpointFilter<ReadableRunFilter>();
        reads.MapGet("", async (Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            await service.InfoAsync(user, id, ct) is { } info ? Results.Ok(info) : Results.NotFound());
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
        var manage = runs.MapGroup("/{id:guid}").RequireAuthorization(LabPolicies.Member);
        manage.MapPost("/cancel", async (Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            (await service.CancelAsync(user, id, ct)).Or(Results.Accepted()));
        manage.MapPost("/resume", async (Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            (await service.ResumeAsync(user, id, ct)).Or(Results.Accepted()));
        manage.MapPost("/rerun", RerunAsync);
        manage.MapDelete("", async (Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            (await service.DeleteAsync(user, id, ct)).Or(Results.NoContent()));
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
        var outcome = await service.SubmitAsync(user, spec, runAgain, ct);
        if (!outcome.Accepted)
        {
            return SpecRequest.Problem(outcome.Errors);
        }
        return outcome.AlreadyComputed ? Results.Ok(outcome.Run) : Results.Created($"/api/runs/{outcome.Run!.Id}", outcome.Run);
    }

    private static async Task<IResult> RerunAsync(Guid id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
        await service.RerunAsync(user, id, ct) switch
        {
            null => Results.NotFound(),
            { Run: { } run } => Results.Created($"/api/runs/{run.Id}", run),
            var refused => SpecRequest.Problem(refused.Errors),
        };
}

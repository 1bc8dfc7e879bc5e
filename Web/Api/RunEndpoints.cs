using LocalityLab.Compute.Export;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Api;

/// <summary>The runs API: submit, read runs and rounds, a round's arrays (.npz) and atlas (PNG), cancel, resume, re-run.</summary>
public static class RunEndpoints
{
    /// <summary>Until accounts land every run belongs to the lab.</summary>
    public const string LabOwner = "lab";

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs");
        runs.MapPost("", SubmitAsync);
        runs.MapGet("", (RunStore store, CancellationToken ct) => store.ListAsync(ct));
        runs.MapGet("/{id:guid}", GetAsync);
        runs.MapGet("/{id:guid}/spec", GetSpecAsync);
        runs.MapGet("/{id:guid}/rounds", GetRoundsAsync);
        runs.MapGet("/{id:guid}/rounds/{round:int}/arrays.npz", GetArraysAsync);
        runs.MapGet("/{id:guid}/rounds/{round:int}/atlas.png", GetAtlasAsync);
        runs.MapPost("/{id:guid}/cancel", async (Guid id, ExperimentService service, CancellationToken ct) =>
            await service.CancelAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "The run is neither queued nor running." }));
        runs.MapPost("/{id:guid}/resume", async (Guid id, ExperimentService service, CancellationToken ct) =>
            await service.ResumeAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { error = "Only an interrupted or cancelled run can be resumed." }));
        runs.MapPost("/{id:guid}/rerun", async (Guid id, ExperimentService service, CancellationToken ct) =>
            await service.RerunAsync(id, LabOwner, ct) is { Run: { } run } ? Results.Created($"/api/runs/{run.Id}", run) : Results.NotFound());
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ExperimentService service, CancellationToken ct, [FromQuery] bool runAgain = false)
    {
        var (spec, problem) = await SpecRequest.ReadAsync<ExperimentSpec>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var outcome = await service.SubmitAsync(spec, LabOwner, runAgain, ct);
        if (!outcome.Accepted)
        {
            return SpecRequest.Problem(outcome.Errors);
        }
        return outcome.AlreadyComputed ? Results.Ok(outcome.Run) : Results.Created($"/api/runs/{outcome.Run!.Id}", outcome.Run);
    }

    private static async Task<Results<Ok<RunInfo>, NotFound>> GetAsync(Guid id, RunStore store, CancellationToken ct) =>
        await store.InfoAsync(id, ct) is { } info ? TypedResults.Ok(info) : TypedResults.NotFound();

    private static async Task<IResult> GetSpecAsync(Guid id, RunStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } run ? Results.Text(run.SpecJson, "application/json") : Results.NotFound();

    private static async Task<IResult> GetRoundsAsync(Guid id, RunStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is null ? Results.NotFound() : Results.Json(await store.RoundsAsync(id, withArrays: false, ct), SpecJson.Options);

    private static async Task<IResult> GetArraysAsync(Guid id, int round, RunStore store, CancellationToken ct)
    {
        if (await store.RoundAsync(id, round, ct) is not { Arrays: not null } result)
        {
            return Results.NotFound();
        }
        var buffer = new MemoryStream();
        RoundNpz.Write(buffer, result);
        buffer.Position = 0;
        return Results.File(buffer, "application/octet-stream", $"round-{round:D2}.npz");
    }

    private static async Task<IResult> GetAtlasAsync(Guid id, int round, RunStore store, CancellationToken ct) =>
        await store.RoundAsync(id, round, ct) is { Arrays: { } arrays }
            ? Results.File(ReceptiveFieldAtlas.RenderPng(arrays), "image/png")
            : Results.NotFound();
}

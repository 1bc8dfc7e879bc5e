using System.Data.Common;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Workers;

/// <summary>
/// The worker API (Compute:Workers = Remote): claim a run, report progress, store a round, end the turn. Each call
/// after the claim presents it; 409 says it is void (the run was cancelled, ended or taken over) and the worker stops.
/// </summary>
public static class WorkerEndpoints
{
    /// <summary>A round with its arrays and checkpoint may be far larger than anything a person sends.</summary>
    public const long MaxRoundBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapWorkerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkerRoutes.Hello, () => Results.Ok(new LabGreeting(LabVersion.Current))).RequireAuthorization(LabPolicies.Worker);

        var runs = app.MapGroup("/api/workers/runs/{id:guid}")
            .RequireAuthorization(LabPolicies.Worker)
            .DisableAntiforgery();

        runs.MapPost("/claim", async (Guid id, RunClaimRequest request, RemoteRuns remote, CancellationToken cancellationToken) =>
            request.Check() is { } refused ? Invalid(refused)
                : await remote.ClaimAsync(id, request.Worker.Trim(), request.Build.Trim(), cancellationToken) is { } assignment
                    ? Results.Ok(assignment)
                    : Results.Conflict());

        runs.MapPost("/progress", async (Guid id, RunProgressReport report, RemoteRuns remote, CancellationToken cancellationToken) =>
            await remote.ReportAsync(id, report, cancellationToken) ? Results.NoContent() : Results.Conflict());

        runs.MapPut("/rounds/{round:int}", async (Guid id, int round, RoundUpload upload, RemoteRuns remote, CancellationToken cancellationToken) =>
        {
            try
            {
                return Outcome(await remote.SaveRoundAsync(id, round, upload, cancellationToken));
            }
            catch (Exception e) when (IsStoreFault(e))
            {
                return StoreBusy(); // nothing was stored: the worker sends the round again
            }
        }).WithMetadata(new RequestSizeLimitAttribute(MaxRoundBytes));

        runs.MapPost("/end", async (Guid id, RunEnd end, RemoteRuns remote, CancellationToken cancellationToken) =>
            Outcome(await remote.EndAsync(id, end, cancellationToken)));

        var studies = app.MapGroup("/api/workers/studies/{id:guid}")
            .RequireAuthorization(LabPolicies.Worker)
            .DisableAntiforgery();

        studies.MapPost("/conditions/{condition}/claim", async (Guid id, string condition, RunClaimRequest request, RemoteStudies remote,
            CancellationToken cancellationToken) =>
            ParseCondition(condition) is not { } parsed ? UnknownCondition(condition)
            : request.Check() is { } refused ? Invalid(refused)
            : await remote.ClaimAsync(id, parsed, request.Worker.Trim(), request.Build.Trim(), cancellationToken) is { } assignment ? Results.Ok(assignment)
            : Results.Conflict());

        studies.MapPost("/conditions/{condition}/progress", async (Guid id, string condition, StudyProgressReport report, RemoteStudies remote,
            CancellationToken cancellationToken) =>
            ParseCondition(condition) is not { } parsed ? UnknownCondition(condition)
            : await remote.ReportAsync(id, parsed, report, cancellationToken) ? Results.NoContent() : Results.Conflict());

        studies.MapPost("/conditions/{condition}/rounds", async (Guid id, string condition, StudyRoundUpload upload, RemoteStudies remote,
            CancellationToken cancellationToken) =>
        {
            if (ParseCondition(condition) is not { } parsed)
            {
                return UnknownCondition(condition);
            }
            try
            {
                return Outcome(await remote.SaveRoundAsync(id, parsed, upload, cancellationToken));
            }
            catch (Exception e) when (IsStoreFault(e))
            {
                return StoreBusy(); // nothing was stored: the worker sends the round again
            }
        }).WithMetadata(new RequestSizeLimitAttribute(MaxRoundBytes));

        studies.MapPost("/conditions/{condition}/end", async (Guid id, string condition, RunEnd end, RemoteStudies remote,
            CancellationToken cancellationToken) =>
            ParseCondition(condition) is not { } parsed ? UnknownCondition(condition)
            : Outcome(await remote.EndAsync(id, parsed, end, cancellationToken)));

        studies.MapGet("/checkpoints/{condition}/{replicate:int}/{round:int}", async (Guid id, string condition, int replicate, int round,
            RemoteStudies remote, CancellationToken cancellationToken) =>
            ParseCondition(condition) is not { } parsed ? UnknownCondition(condition)
            : await remote.CheckpointAsync(id, parsed, replicate, round, cancellationToken) is { } blob
                ? Results.Bytes(blob, "application/octet-stream")
                : Results.NotFound());
        return app;
    }

    // A failure of the database itself (a connection lost, a deadlock): the transaction rolled back, so the request may
    // be sent again; 503 is what the worker's resilience pipeline retries.
    private static bool IsStoreFault(Exception e) =>
        e is DbUpdateException or DbException || e.InnerException is DbUpdateException or DbException;

    private static IResult StoreBusy() =>
        Results.Problem("The store could not take the round just now; nothing was stored. Send it again.", statusCode: StatusCodes.Status503ServiceUnavailable);

    // What a stored round or an ended turn answers: 400 for a request that cannot be taken as sent (sending it again will
    // not help), 204 when done, 409 for a void claim.
    private static IResult Outcome((bool Done, ValidationError? Error) outcome) => outcome switch
    {
        (_, { } error) => Invalid(error),
        (true, _) => Results.NoContent(),
        _ => Results.Conflict(),
    };

    private static IResult Invalid(ValidationError error) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [error.Field] = [error.Message] });

    private static StudyCondition? ParseCondition(string condition) => StudyConditions.Find(condition);

    private static IResult UnknownCondition(string condition) => Invalid(new ValidationError("Condition",
        $"Condition must be one of {StudyConditions.Allowed}; got '{condition}'."));
}

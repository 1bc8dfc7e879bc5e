using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// A worker's turn at a run (the job the lab enqueued): claim it from the lab, continue after its last stored round
/// through the engine's face, store each round through the lab, and say how the turn ended. A worker that is stopping
/// hands the run back (Queued) and lets the job engine requeue the job; a void claim (cancelled, or the lease went to
/// another worker) ends the turn without a word, since the run is no longer this worker's.
/// </summary>
public sealed class RemoteRunJob(ILabEngine engine, LabWorkerApi lab, IOptions<ComputeOptions> options, ILogger<RemoteRunJob> logger) : IRunJob
{
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        string worker = engine.Device.WorkerNamed(options.Value.WorkerName);
        if (await lab.ClaimAsync(runId, worker, cancellationToken) is not { } assignment)
        {
            logger.LogInformation("Run {RunId} no longer waits for a worker (cancelled, ended or deleted).", runId);
            return;
        }
        var spec = assignment.ReadSpec();
        var checkpoint = assignment.ReadCheckpoint();
        logger.LogInformation("Run {RunId} ({Name}) taken by {Worker}, from round {Round}.", runId, spec.Name, worker, checkpoint is null ? 0 : checkpoint.Round + 1);

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new ClaimedProgress<TrainingProgress>((p, ct) => lab.ReportAsync(runId, assignment.Claim, p, ct), $"run {runId}", turn, logger);
        try
        {
            await foreach (var round in engine.RunAsync(spec, progress, checkpoint, turn.Token))
            {
                // Stored whatever happens meanwhile: it is computed.
                if (!await lab.SaveRoundAsync(runId, assignment.Claim, round, CancellationToken.None))
                {
                    logger.LogInformation("Run {RunId}: the claim is void (cancelled or taken over) at round {Round}; stopping.", runId, round.Round);
                    return;
                }
            }
            await lab.EndAsync(runId, new RunEnd(assignment.Claim, RunStatus.Completed, null), CancellationToken.None);
            logger.LogInformation("Run {RunId} completed on {Worker}.", runId, worker);
        }
        catch (OperationCanceledException) when (progress.ClaimVoid)
        {
            logger.LogInformation("Run {RunId}: the claim is void (cancelled or taken over); stopping.", runId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping: the run goes back to the queue, and the job engine requeues the job (so rethrow).
            await lab.EndAsync(runId, new RunEnd(assignment.Claim, RunStatus.Queued, null), CancellationToken.None);
            logger.LogInformation("Run {RunId} handed back: this worker is stopping.", runId);
            throw;
        }
        catch (Exception e) when (e is TrainingDivergedException or ExperimentRejectedException)
        {
            await lab.EndAsync(runId, new RunEnd(assignment.Claim, RunStatus.Failed, e.Message), CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or LabRefusedWorkerException)
        {
            // The lab cannot be reached (past the retries) or no longer admits this worker: the run is not at fault, and
            // the lab cannot be told. The job fails; the lab's sweeper queues it again for a worker it hears, which
            // continues after the last stored round. Ending the run as Failed here would fail it whenever the lab
            // came back between the lost round and the end.
            logger.LogWarning("Run {RunId}: {Reason} The job fails; the lab queues it again.", runId, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Run {RunId} failed on {Worker}", runId, worker);
            await lab.EndAsync(runId, new RunEnd(assignment.Claim, RunStatus.Failed, $"The run failed on {worker}: {e.Message}"), CancellationToken.None);
        }
    }
}

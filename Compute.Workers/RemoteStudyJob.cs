using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// A worker's turn at one condition of a study (the job the lab enqueued): claim it, train its replicates together
/// after what is stored through the engine's face (a branch reads its trunk's checkpoints from the lab), store each
/// replicate's round through the lab, and say how the turn ended; stopping and void claims as a run's job does.
/// </summary>
public sealed class RemoteStudyJob(ILabEngine engine, LabWorkerApi lab, IOptions<ComputeOptions> options, ILogger<RemoteStudyJob> logger) : IStudyJob
{
    public async Task RunAsync(Guid studyId, StudyCondition condition, CancellationToken cancellationToken)
    {
        string worker = engine.Device.WorkerNamed(options.Value.WorkerName);
        string what = $"study {studyId} {condition.Key}";
        if (await lab.ClaimStudyAsync(studyId, condition, worker, cancellationToken) is not { } assignment)
        {
            logger.LogInformation("The {What} has nothing left to compute, or the study has ended.", what);
            return;
        }
        var spec = assignment.ReadSpec();
        logger.LogInformation("The {What} ({Replicates} replicates) taken by {Worker}.", what, spec.Replicates, worker);

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new ClaimedProgress<StudyProgress>((p, ct) => lab.ReportStudyAsync(studyId, condition, assignment.Claim, p, ct), what, turn, logger);
        var stored = new RemoteStudyCheckpoints(lab, studyId, assignment.Stored, turn.Token);
        try
        {
            await foreach (var round in engine.RunStudyAsync(spec, progress, stored, turn.Token, only: [condition]))
            {
                if (round.Result.Round <= stored.LastRound(condition, round.Replicate))
                {
                    continue; // computed again on resume, identically; the stored round stands
                }
                if (!await lab.SaveStudyRoundAsync(studyId, condition, assignment.Claim, round, CancellationToken.None))
                {
                    logger.LogInformation("The {What}: the claim is void (cancelled or taken over); stopping.", what);
                    return;
                }
            }
            await lab.EndStudyAsync(studyId, condition, new RunEnd(assignment.Claim, RunStatus.Completed, null), CancellationToken.None);
            logger.LogInformation("The {What} completed on {Worker}.", what, worker);
        }
        catch (OperationCanceledException) when (progress.ClaimVoid)
        {
            logger.LogInformation("The {What}: the claim is void (cancelled or taken over); stopping.", what);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await lab.EndStudyAsync(studyId, condition, new RunEnd(assignment.Claim, RunStatus.Queued, null), CancellationToken.None);
            logger.LogInformation("The {What} handed back: this worker is stopping.", what);
            throw;
        }
        catch (Exception e) when (e is TrainingDivergedException or ExperimentRejectedException)
        {
            await lab.EndStudyAsync(studyId, condition, new RunEnd(assignment.Claim, RunStatus.Failed, e.Message), CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or LabRefusedWorkerException)
        {
            // As RemoteRunJob: the lab cannot be reached or refuses this worker; the job fails and the lab queues it again.
            logger.LogWarning("The {What}: {Reason} The job fails; the lab queues it again.", what, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The {What} failed on {Worker}", what, worker);
            await lab.EndStudyAsync(studyId, condition, new RunEnd(assignment.Claim, RunStatus.Failed, $"The study failed on {worker}: {e.Message}"),
                CancellationToken.None);
        }
    }
}

using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Workers;

/// <summary>
/// What a remote worker may do with a run, and what the lab does in turn: a claim hands over the spec and the last
/// stored round's checkpoint; a round under the current claim is stored once (in a transaction) and then announced to
/// every viewer, on any web instance through the SignalR backplane; a report under a void claim is refused, which is
/// how a worker learns that its run was cancelled or taken over.
/// </summary>
public sealed class RemoteRuns(RunStore store, RunEvents events, ExperimentService experiments)
{
    public async Task<RunAssignment?> ClaimAsync(Guid runId, string worker, string build, CancellationToken cancellationToken)
    {
        if (await store.ClaimAsync(runId, worker, build, cancellationToken) is not { } claim || await store.FindAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }
        var assignment = new RunAssignment(claim, run.SpecJson, await store.LastCheckpointBlobAsync(runId, cancellationToken));
        await experiments.AnnounceStatusAsync(runId, cancellationToken);
        return assignment;
    }

    public async Task<bool> ReportAsync(Guid runId, RunProgressReport report, CancellationToken cancellationToken)
    {
        if (!await store.HoldsAsync(runId, report.Claim, cancellationToken))
        {
            return false;
        }
        await events.ProgressAsync(runId, report.Progress);
        return true;
    }

    /// <summary>Stores the round under the claim; an upload that cannot be read is an error naming its field.</summary>
    public async Task<(bool Saved, ValidationError? Error)> SaveRoundAsync(Guid runId, int roundIndex, RoundUpload upload, CancellationToken cancellationToken)
    {
        var (round, error) = upload.Read();
        if (round is null)
        {
            return (false, error);
        }
        if (round.Round != roundIndex || !await store.SaveClaimedRoundAsync(runId, upload.Claim, round, cancellationToken))
        {
            return (false, null);
        }
        await events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(runId, round));
        return (true, null);
    }

    /// <summary>Ends the worker's turn; a reason is an error when the status is not one a worker may end with.</summary>
    public async Task<(bool Ended, ValidationError? Error)> EndAsync(Guid runId, RunEnd end, CancellationToken cancellationToken)
    {
        if (end.Status is not (RunStatus.Completed or RunStatus.Failed or RunStatus.Queued))
        {
            return (false, new ValidationError("Status", $"Status must be Completed, Failed or Queued; got {end.Status}."));
        }
        if (end.Status == RunStatus.Completed && await store.FindAsync(runId, cancellationToken) is { } run && run.RoundsCompleted < run.TotalRounds)
        {
            return (false, new ValidationError("Status", $"The run has {run.RoundsCompleted} of its {run.TotalRounds} rounds stored; it is not complete."));
        }
        if (!await store.EndClaimAsync(runId, end.Claim, end.Status, end.Error, cancellationToken))
        {
            return (false, null);
        }
        await experiments.AnnounceStatusAsync(runId, cancellationToken);
        if (end.Status == RunStatus.Failed)
        {
            await events.FailedAsync(runId, end.Error ?? "The run failed.");
        }
        return (true, null);
    }
}

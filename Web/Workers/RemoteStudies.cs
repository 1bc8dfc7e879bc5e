using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Workers;

/// <summary>
/// What a remote worker may do with its condition of a study, and what the lab does in turn: rounds under the current
/// claim are stored once and announced to each replicate run's viewers; once the last replicate has a round, the
/// study's statistics are recomputed from the store and announced; the study completes when every condition has.
/// </summary>
public sealed class RemoteStudies(StudyStore store, ILabEngine engine, RunEvents events, StudyService studies, ExperimentService experiments)
{
    public async Task<StudyAssignment?> ClaimAsync(Guid studyId, StudyCondition condition, string worker, string build, CancellationToken cancellationToken)
    {
        if (await store.ClaimConditionAsync(studyId, condition, worker, build, cancellationToken) is not { } claim
            || await store.FindAsync(studyId, cancellationToken) is not { } study)
        {
            return null;
        }
        var members = await store.MembersAsync(studyId, cancellationToken);
        await studies.AnnounceAsync(studyId, cancellationToken);
        await AnnounceRunsAsync(members.Where(m => m.Key.Condition == condition).Select(m => m.Value.RunId));
        return new StudyAssignment(claim, study.SpecJson, [.. members.Select(m => new StoredReplicate(m.Key.Condition, m.Key.Replicate, m.Value.RoundsCompleted))]);
    }

    public async Task<bool> ReportAsync(Guid studyId, StudyCondition condition, StudyProgressReport report, CancellationToken cancellationToken)
    {
        if (!await store.HoldsConditionAsync(studyId, condition, report.Claim, cancellationToken))
        {
            return false;
        }
        await events.StudyProgressAsync(studyId, report.Progress);
        return true;
    }

    /// <summary>Stores one replicate's round under the condition's claim; an upload that cannot be read is an error naming its field.</summary>
    public async Task<(bool Saved, ValidationError? Error)> SaveRoundAsync(Guid studyId, StudyCondition condition, StudyRoundUpload upload,
        CancellationToken cancellationToken)
    {
        var (round, error) = upload.Read();
        if (round is null)
        {
            return (false, error);
        }
        if (await store.SaveClaimedRoundAsync(studyId, condition, upload.Round.Claim, upload.Conditions, upload.Replicate, round, cancellationToken)
            is not { } stored)
        {
            return (false, null);
        }
        foreach (var runId in stored)
        {
            await events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(runId, round));
            await experiments.AnnounceStatusAsync(runId, CancellationToken.None); // its rounds count (and, at its last, Completed)
        }
        var record = await store.FindAsync(studyId, cancellationToken);
        if (record is not null && upload.Replicate == StudyStore.ReadSpec(record).Replicates - 1)
        {
            await SummarizeAsync(studyId, cancellationToken);
        }
        return (true, null);
    }

    public async Task<(bool Ended, ValidationError? Error)> EndAsync(Guid studyId, StudyCondition condition, RunEnd end, CancellationToken cancellationToken)
    {
        if (end.Status is not (RunStatus.Completed or RunStatus.Failed or RunStatus.Queued))
        {
            return (false, new ValidationError("Status", $"Status must be Completed, Failed or Queued; got {end.Status}."));
        }
        if (!await store.EndConditionAsync(studyId, condition, end.Claim, end.Status, end.Error, cancellationToken))
        {
            return (false, null);
        }
        if (end.Status == RunStatus.Completed)
        {
            await SummarizeAsync(studyId, cancellationToken);
        }
        await studies.AnnounceAsync(studyId, cancellationToken);
        await AnnounceRunsAsync((await store.MembersAsync(studyId, cancellationToken)).Values.Select(m => m.RunId));
        return (true, null);
    }

    /// <summary>The checkpoint a replicate stored after a round, as stored, or null.</summary>
    public Task<byte[]?> CheckpointAsync(Guid studyId, StudyCondition condition, int replicate, int round, CancellationToken cancellationToken) =>
        store.CheckpointBlobAsync(studyId, condition, replicate, round, cancellationToken);

    private async Task SummarizeAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(studyId, cancellationToken) is not { } record)
        {
            return;
        }
        var spec = StudyStore.ReadSpec(record);
        await store.SaveSummaryAsync(studyId, engine.Summarize(spec, await store.ObservationsAsync(studyId, cancellationToken)), CancellationToken.None);
        await studies.AnnounceAsync(studyId, CancellationToken.None);
    }

    private async Task AnnounceRunsAsync(IEnumerable<Guid> runIds)
    {
        foreach (var runId in runIds)
        {
            await experiments.AnnounceStatusAsync(runId, CancellationToken.None);
        }
    }
}

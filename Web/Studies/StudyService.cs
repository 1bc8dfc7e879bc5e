using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Studies;

/// <summary>The lab's operations on studies: estimate, submit, cancel, resume, delete, and the snapshot a page catches up from.</summary>
public sealed class StudyService(
    StudyStore store,
    IStudyDispatch dispatch,
    LiveRuns live,
    ILabEngine engine,
    RunEvents events,
    SubmissionAllowance allowance,
    IOptions<ComputeOptions> compute)
{
    /// <summary>The whole study's estimate (upper bound on time), or null with the errors when the study is not valid.</summary>
    public (ResourceEstimate? Estimate, IReadOnlyList<ValidationError> Errors) Estimate(StudySpec? study)
    {
        var errors = engine.CheckStudy(study);
        // Over a limit, the estimate still says by how much; with a field wrong there is nothing to estimate.
        bool estimable = study is not null && errors.All(e => e.Field == nameof(StudySpec.Replicates));
        return (estimable ? engine.EstimateStudy(study!) : null, errors);
    }

    /// <summary>
    /// Queues a study. A study identical to a completed, running or queued one (same identity) returns that one at once
    /// unless <paramref name="runAgain"/> asks for a fresh computation.
    /// </summary>
    public async Task<StudySubmitOutcome> SubmitAsync(StudySpec? study, string owner, bool runAgain, CancellationToken cancellationToken)
    {
        // Only a valid study takes a submission from the member's allowance; a refused one costs nothing.
        var errors = engine.CheckStudy(study);
        if (errors.Count > 0 || study is null)
        {
            return new StudySubmitOutcome(null, false, errors);
        }
        if (allowance.TooFrequent(owner) is { } refused)
        {
            return new StudySubmitOutcome(null, false, [refused]);
        }
        using var turn = await allowance.TurnAsync(owner, cancellationToken);
        if (!runAgain && await store.FindReusableAsync(study.Identity, cancellationToken) is { } done)
        {
            return new StudySubmitOutcome(await store.InfoAsync(done.Id, cancellationToken), true, []);
        }
        if (await allowance.QueueFullAsync(owner, 1, cancellationToken) is { } full)
        {
            return new StudySubmitOutcome(null, false, [full]);
        }
        var record = await store.CreateAsync(study, owner, cancellationToken);
        StudyInfo? info;
        try
        {
            info = await store.InfoAsync(record.Id, cancellationToken);
            await events.StudyChangedAsync(info!);
        }
        finally
        {
            await dispatch.QueuedAsync(record.Id, CancellationToken.None);
        }
        return new StudySubmitOutcome(info, false, []);
    }

    /// <summary>
    /// Cancels a queued study at once, or asks a running one to stop after its current step (stored rounds are kept):
    /// through its live entry when this process computes it; by ending it here when remote workers do (their claims are
    /// void from then on, and each stops at its next report).
    /// </summary>
    public async Task<bool> CancelAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (await store.TransitionAsync(studyId, [RunStatus.Queued], RunStatus.Cancelled, null, cancellationToken))
        {
            await AnnounceAsync(studyId, cancellationToken);
            return true;
        }
        if (live.Cancel(studyId))
        {
            return true;
        }
        if (compute.Value.Workers == WorkerPlacement.Remote
            && await store.TransitionAsync(studyId, [RunStatus.Running], RunStatus.Cancelled, null, cancellationToken))
        {
            await AnnounceAsync(studyId, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>Queues an interrupted, cancelled or failed study again; every replicate continues after its last stored round.</summary>
    public async Task<bool> ResumeAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (!await store.TransitionAsync(studyId, [RunStatus.Interrupted, RunStatus.Cancelled, RunStatus.Failed], RunStatus.Queued, null, cancellationToken))
        {
            return false;
        }
        try
        {
            await AnnounceAsync(studyId, cancellationToken);
        }
        finally
        {
            await dispatch.QueuedAsync(studyId, CancellationToken.None);
        }
        return true;
    }

    /// <summary>Deletes a finished study with its replicate runs; a queued or running study must be cancelled first.</summary>
    public async Task<string?> DeleteAsync(Guid studyId, CancellationToken cancellationToken)
    {
        var study = await store.FindAsync(studyId, cancellationToken);
        if (study is null)
        {
            return $"There is no study {studyId}.";
        }
        if (study.Status is RunStatus.Queued or RunStatus.Running)
        {
            return "The study is queued or running; cancel it before deleting it.";
        }
        return await store.DeleteAsync(studyId, cancellationToken) ? null : $"There is no study {studyId}.";
    }

    public async Task<StudySnapshot?> SnapshotAsync(Guid studyId, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(studyId, cancellationToken);
        var info = await store.InfoAsync(studyId, cancellationToken);
        if (record is null || info is null)
        {
            return null;
        }
        return new StudySnapshot(info, StudyStore.ReadSpec(record), StudyStore.ReadSummary(record),
            await store.ReplicatesAsync(studyId, cancellationToken), live.StudyProgress(studyId));
    }

    public Task<IReadOnlyList<StudyInfo>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task AnnounceAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (await store.InfoAsync(studyId, cancellationToken) is { } info)
        {
            await events.StudyChangedAsync(info);
        }
    }
}

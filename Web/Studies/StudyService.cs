using System.Security.Claims;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Studies;

/// <summary>
/// The lab's operations on studies, for pages, the API and the hub alike: estimate, list, submit, cancel, resume,
/// delete, and the snapshot a page catches up from. Each takes its caller and decides (<see cref="StudyAccess"/>): members
/// read every study and submit; a share-link caller reads only its study; only its owner or an admin changes one.
/// </summary>
public sealed class StudyService(
    StudyStore store,
    IStudyDispatch dispatch,
    DispatchMarks marks,
    LiveRuns live,
    ILabEngine engine,
    RunEvents events,
    SubmissionAllowance allowance,
    IOptions<ComputeOptions> compute)
{
    /// <summary>Whether the caller may read the study: a member any study, a share-link caller only its own.</summary>
    public static bool MayRead(ClaimsPrincipal caller, Guid studyId) => StudyAccess.CanRead(caller, studyId);

    /// <summary>Whether the caller may cancel, resume, delete or share the study: its owner or an admin.</summary>
    public static bool MayManage(ClaimsPrincipal caller, StudyInfo study) => StudyAccess.CanManage(caller, study.Owner);

    /// <summary>
    /// The caller's subscription to a study's announcements (its statistics changed, its progress), or null when they
    /// may not read the study. A page watches first and then reads the snapshot, so nothing falls between.
    /// </summary>
    public IDisposable? Watch(ClaimsPrincipal caller, Guid studyId, RunListener listener) =>
        StudyAccess.CanRead(caller, studyId) ? events.Listen(studyId, listener) : null;

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
    public async Task<StudySubmitOutcome> SubmitAsync(ClaimsPrincipal caller, StudySpec? study, bool runAgain, CancellationToken cancellationToken)
    {
        string owner = RunAccess.OwnerName(caller);
        // Only a valid study takes a submission from the member's allowance; a refused one costs nothing.
        var errors = engine.CheckStudy(study);
        if (errors.Count > 0 || study is null)
        {
            return new StudySubmitOutcome(null, false, errors);
        }
        if (await allowance.TooFrequentAsync(owner, cancellationToken) is { } refused)
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
            await DispatchAsync(record.Id);
        }
        return new StudySubmitOutcome(info, false, []);
    }

    /// <summary>
    /// Cancels a queued study at once, or asks a running one to stop after its current step (stored rounds are kept):
    /// through its live entry when this process computes it; by ending it here when remote workers do (their claims are
    /// void from then on, and each stops at its next report). Null when done, else why not.
    /// </summary>
    public async Task<Refusal?> CancelAsync(ClaimsPrincipal caller, Guid studyId, CancellationToken cancellationToken) =>
        await ManagedAsync(caller, studyId, "cancel", cancellationToken) is { Refusal: { } refusal } ? refusal
        : await CancelAsync(studyId, cancellationToken) ? null
        : Refusal.Conflict("The study is neither queued nor running.");

    private async Task<bool> CancelAsync(Guid studyId, CancellationToken cancellationToken)
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
    public async Task<Refusal?> ResumeAsync(ClaimsPrincipal caller, Guid studyId, CancellationToken cancellationToken) =>
        await ManagedAsync(caller, studyId, "resume", cancellationToken) is { Refusal: { } refusal } ? refusal
        : await ResumeAsync(studyId, cancellationToken) ? null
        : Refusal.Conflict("Only an interrupted, cancelled or failed study can be resumed.");

    private async Task<bool> ResumeAsync(Guid studyId, CancellationToken cancellationToken)
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
            await DispatchAsync(studyId);
        }
        return true;
    }

    /// <summary>
    /// Tells the workers the study is queued, then clears its dispatch mark (<see cref="DispatchMarks"/>): a submission or
    /// resume does it once it has stored the study, the lab's sweep for one a stopped web process left undispatched.
    /// </summary>
    internal async Task DispatchAsync(Guid studyId)
    {
        await dispatch.QueuedAsync(studyId, CancellationToken.None);
        await marks.DispatchedAsync<StudyRecord>(studyId, CancellationToken.None);
    }

    /// <summary>Deletes a finished study with its replicate runs; a queued or running study must be cancelled first.</summary>
    public async Task<Refusal?> DeleteAsync(ClaimsPrincipal caller, Guid studyId, CancellationToken cancellationToken)
    {
        var (study, refusal) = await ManagedAsync(caller, studyId, "delete", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (study!.Status is RunStatus.Queued or RunStatus.Running)
        {
            return Refusal.Conflict("The study is queued or running; cancel it before deleting it.");
        }
        return await store.DeleteAsync(studyId, cancellationToken) ? null : NoSuchStudy(studyId);
    }

    /// <summary>What a page catches up from: the study, its spec, statistics and replicates; null when there is none the caller may read.</summary>
    public async Task<StudySnapshot?> SnapshotAsync(ClaimsPrincipal caller, Guid studyId, CancellationToken cancellationToken)
    {
        if (!MayRead(caller, studyId))
        {
            return null;
        }
        var record = await store.FindAsync(studyId, cancellationToken);
        var info = await store.InfoAsync(studyId, cancellationToken);
        if (record is null || info is null)
        {
            return null;
        }
        return new StudySnapshot(info, StudyStore.ReadSpec(record), StudyStore.ReadSummary(record),
            await store.ReplicatesAsync(studyId, cancellationToken), live.StudyProgress(studyId));
    }

    /// <summary>The lab's studies, for a member.</summary>
    public Task<IReadOnlyList<StudyInfo>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        RunAccess.IsMember(caller) ? store.ListAsync(cancellationToken) : throw new UnauthorizedAccessException("Only a signed-in member lists the lab's studies.");

    // The study the caller means to change, or why they may not: 404 for no study (or one they may not read), 403 for another's.
    private async Task<(StudyRecord? Study, Refusal? Refusal)> ManagedAsync(ClaimsPrincipal caller, Guid studyId, string action, CancellationToken cancellationToken)
    {
        var study = MayRead(caller, studyId) ? await store.FindAsync(studyId, cancellationToken) : null;
        if (study is null)
        {
            return (null, NoSuchStudy(studyId));
        }
        return StudyAccess.CanManage(caller, study.Owner) ? (study, null) : (study, Refusal.Forbidden($"Only the study's owner or an admin may {action} it."));
    }

    private static Refusal NoSuchStudy(Guid studyId) => Refusal.NotFound($"There is no study {studyId}.");

    public async Task AnnounceAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (await store.InfoAsync(studyId, cancellationToken) is { } info)
        {
            await events.StudyChangedAsync(info);
        }
    }
}

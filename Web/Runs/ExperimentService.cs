using System.Security.Claims;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The lab's operations on runs, for pages, the API and the hub alike: list, submit, cancel, resume, re-run, delete, and
/// the snapshot a subscriber catches up from. Each takes its caller and decides what they may do (<see cref="RunAccess"/>):
/// members read every run and submit; a share-link caller reads only its run; only the owner or an admin changes one.
/// </summary>
public sealed class ExperimentService(
    RunStore store,
    IRunDispatch dispatch,
    DispatchMarks marks,
    LiveRuns live,
    ILabEngine engine,
    RunEvents events,
    SubmissionAllowance allowance,
    IOptions<ComputeOptions> compute)
{
    private readonly WorkerPlacement placement = compute.Value.Workers;

    /// <summary>Whether the caller may read the run: a member any run, a share-link caller only its own.</summary>
    public static bool MayRead(ClaimsPrincipal caller, Guid runId) => RunAccess.CanRead(caller, runId);

    /// <summary>Whether the caller may cancel, resume, delete or share the run: its owner or an admin.</summary>
    public static bool MayManage(ClaimsPrincipal caller, RunInfo run) => RunAccess.CanManage(caller, run.Owner);

    /// <summary>
    /// The caller's subscription to a run's announcements (progress, rounds, status, failure), or null when they may not
    /// read the run, in which case nothing about it reaches the listener. A page watches first and then reads the
    /// snapshot, so nothing falls between.
    /// </summary>
    public IDisposable? Watch(ClaimsPrincipal caller, Guid runId, RunListener listener) =>
        RunAccess.CanRead(caller, runId) ? events.Listen(runId, listener) : null;

    /// <summary>A page of the lab's runs, newest first, for a member.</summary>
    public Task<RunListPage> ListAsync(ClaimsPrincipal caller, RunListQuery query, CancellationToken cancellationToken) =>
        RunAccess.IsMember(caller) ? store.ListAsync(query, cancellationToken) : throw NotAMember();

    /// <summary>The run's summary, or null when there is none the caller may read.</summary>
    public async Task<RunInfo?> InfoAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken) =>
        MayRead(caller, runId) ? await store.InfoAsync(runId, cancellationToken) : null;

    /// <summary>
    /// Queues a spec. A spec identical to a completed, running or queued run (same canonical hash, seed included)
    /// returns that run at once unless <paramref name="runAgain"/> asks for a fresh computation.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(ClaimsPrincipal caller, ExperimentSpec? spec, bool runAgain, CancellationToken cancellationToken)
    {
        string owner = RunAccess.OwnerName(caller);
        // Only a valid spec takes a submission from the member's allowance; a refused one costs nothing.
        var errors = engine.Check(spec);
        if (errors.Count > 0 || spec is null)
        {
            return new SubmitOutcome(null, false, errors);
        }
        if (await allowance.TooFrequentAsync(owner, cancellationToken) is { } refused)
        {
            return new SubmitOutcome(null, false, [refused]);
        }
        using var turn = await allowance.TurnAsync(owner, cancellationToken);
        return await QueueAsync(spec, owner, runAgain, checkQueue: true, cancellationToken);
    }

    // The spec is valid and the member's turn is held: counting the queue and queueing are one step.
    private async Task<SubmitOutcome> QueueAsync(ExperimentSpec spec, string owner, bool runAgain, bool checkQueue, CancellationToken cancellationToken)
    {
        if (!runAgain && await store.FindReusableAsync(spec.Identity, cancellationToken) is { } done)
        {
            return new SubmitOutcome(await store.InfoAsync(done.Id, cancellationToken), true, []);
        }
        if (checkQueue && await allowance.QueueFullAsync(owner, 1, cancellationToken) is { } full)
        {
            return new SubmitOutcome(null, false, [full]);
        }
        var run = await store.CreateAsync(spec, owner, cancellationToken);
        RunInfo? info;
        try
        {
            // Queued is announced before a worker can claim the run, so no listener hears Running before Queued.
            info = await store.InfoAsync(run.Id, cancellationToken);
            await events.StatusChangedAsync(info!);
        }
        finally
        {
            await DispatchAsync(run.Id);
        }
        return new SubmitOutcome(info, false, []);
    }

    /// <summary>
    /// Cancels a queued run at once, or asks a running one to stop after its current step: one this process computes
    /// through its live entry; one a remote worker computes by ending it here, which voids the worker's claim (the
    /// worker stops at its next report, within a fraction of a second). Null when done, else why not.
    /// </summary>
    public async Task<Refusal?> CancelAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        var (run, refusal) = await ManagedAsync(caller, runId, "cancel", cancellationToken);
        return refusal
            ?? (run!.StudyId is not null ? ReplicateRefusal("cancelled")
            : await CancelAsync(runId, cancellationToken) ? null
            : Refusal.Conflict("The run is neither queued nor running."));
    }

    private async Task<bool> CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await store.TransitionAsync(runId, [RunStatus.Queued], RunStatus.Cancelled, null, cancellationToken))
        {
            await AnnounceStatusAsync(runId, cancellationToken);
            return true;
        }
        if (live.Cancel(runId))
        {
            return true;
        }
        if (placement == WorkerPlacement.Remote && await store.TransitionAsync(runId, [RunStatus.Running], RunStatus.Cancelled, null, cancellationToken))
        {
            await AnnounceStatusAsync(runId, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Queues an interrupted or cancelled run again; it continues after its last stored round. One with every round
    /// already stored has nothing left to compute: it is Completed at once. Null when done, else why not.
    /// </summary>
    public async Task<Refusal?> ResumeAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        var (run, refusal) = await ManagedAsync(caller, runId, "resume", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        return run!.StudyId is not null ? ReplicateRefusal("resumed")
            : await ResumeAsync(run, cancellationToken) ? null
            : Refusal.Conflict("Only an interrupted or cancelled run can be resumed.");
    }

    private async Task<bool> ResumeAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var runId = run.Id;
        if (run.RoundsCompleted >= run.TotalRounds)
        {
            bool completed = await store.TransitionAsync(runId, [RunStatus.Interrupted, RunStatus.Cancelled], RunStatus.Completed, null, cancellationToken);
            await AnnounceStatusAsync(runId, cancellationToken);
            return completed;
        }
        if (!await store.TransitionAsync(runId, [RunStatus.Interrupted, RunStatus.Cancelled], RunStatus.Queued, null, cancellationToken))
        {
            return false;
        }
        try
        {
            await AnnounceStatusAsync(runId, cancellationToken); // Queued before a worker can announce Running
        }
        finally
        {
            await DispatchAsync(runId);
        }
        return true;
    }

    /// <summary>
    /// Tells the workers the run is queued, then clears its dispatch mark (<see cref="DispatchMarks"/>): a submission or
    /// resume does it once it has stored the run, the lab's sweep for one a stopped web process left undispatched.
    /// </summary>
    internal async Task DispatchAsync(Guid runId)
    {
        await dispatch.QueuedAsync(runId, CancellationToken.None);
        await marks.DispatchedAsync<RunRecord>(runId, CancellationToken.None);
    }

    /// <summary>Deletes a finished run with its rounds and share links; a queued or running run must be cancelled first.</summary>
    public async Task<Refusal?> DeleteAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        var (run, refusal) = await ManagedAsync(caller, runId, "delete", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (run!.StudyId is not null)
        {
            return ReplicateRefusal("deleted");
        }
        if (run.Status is RunStatus.Queued or RunStatus.Running)
        {
            return Refusal.Conflict("The run is queued or running; cancel it before deleting it.");
        }
        return await store.DeleteAsync(runId, cancellationToken) ? null : NoSuchRun(runId);
    }

    /// <summary>A new run of the same spec, computed afresh and owned by the caller; null when there is no run the caller may read.</summary>
    public async Task<SubmitOutcome?> RerunAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        var run = MayRead(caller, runId) ? await store.FindAsync(runId, cancellationToken) : null;
        return run is null ? null : await SubmitAsync(caller, RunStore.ReadSpec(run), runAgain: true, cancellationToken);
    }

    /// <summary>
    /// Queues a family's specs for the caller, all or nothing: every spec is checked before any is queued, each error
    /// naming its member by label, and the whole family takes one turn of the caller's allowance. A spec identical to a
    /// stored run reuses it. The runs' ids in the members' order, or why none was queued.
    /// </summary>
    public async Task<(IReadOnlyList<Guid>? Runs, IReadOnlyList<ValidationError> Errors)> QueueAllAsync(ClaimsPrincipal caller,
        IReadOnlyList<(ExperimentSpec Spec, string Label)> members, CancellationToken cancellationToken)
    {
        string owner = RunAccess.OwnerName(caller);
        var errors = members
            .SelectMany(m => engine.Check(m.Spec).Select(e => e with { Message = $"{m.Label}: {e.Message}" }))
            .ToList();
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        if (await allowance.TooFrequentAsync(owner, cancellationToken) is { } refused)
        {
            return (null, [refused]);
        }
        using var turn = await allowance.TurnAsync(owner, cancellationToken);
        if (await allowance.QueueFullAsync(owner, members.Count, cancellationToken) is { } full)
        {
            return (null, [full]);
        }
        var runs = new List<Guid>();
        foreach (var member in members)
        {
            var outcome = await QueueAsync(member.Spec, owner, runAgain: false, checkQueue: false, cancellationToken);
            runs.Add(outcome.Run!.Id);
        }
        return (runs, []);
    }

    /// <summary>The run's spec, or null when there is no run the caller may read (the designer's "duplicate and edit").</summary>
    public async Task<ExperimentSpec?> SpecAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken) =>
        MayRead(caller, runId) && await store.FindAsync(runId, cancellationToken) is { } run ? RunStore.ReadSpec(run) : null;

    /// <summary>One stored round with its arrays (a unit's detail on the run page), or null when there is none the caller may read.</summary>
    public async Task<RoundResult?> RoundAsync(ClaimsPrincipal caller, Guid runId, int round, CancellationToken cancellationToken) =>
        MayRead(caller, runId) ? await store.RoundAsync(runId, round, cancellationToken) : null;

    /// <summary>The run's spec as stored (JSON), or null for no such run.</summary>
    public async Task<string?> SpecJsonAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken) =>
        MayRead(caller, runId) ? (await store.FindAsync(runId, cancellationToken))?.SpecJson : null;

    /// <summary>What a subscriber catches up from: the run, its rounds as frames, its progress; null when there is none the caller may read.</summary>
    public async Task<RunSnapshot?> SnapshotAsync(ClaimsPrincipal caller, Guid runId, CancellationToken cancellationToken)
    {
        var info = await InfoAsync(caller, runId, cancellationToken);
        if (info is null)
        {
            return null;
        }
        var rounds = await store.RoundsAsync(runId, withArrays: true, cancellationToken);
        return new RunSnapshot(info, [.. rounds.Select(r => FirstLayerFrameEncoder.Frame(runId, r))], live.Progress(runId));
    }

    // The run the caller means to change, or why they may not: 404 for no run (or one they may not read), 403 for another's.
    private async Task<(RunRecord? Run, Refusal? Refusal)> ManagedAsync(ClaimsPrincipal caller, Guid runId, string action, CancellationToken cancellationToken)
    {
        var run = MayRead(caller, runId) ? await store.FindAsync(runId, cancellationToken) : null;
        if (run is null)
        {
            return (null, NoSuchRun(runId));
        }
        return RunAccess.CanManage(caller, run.Owner) ? (run, null) : (run, Refusal.Forbidden($"Only the run's owner or an admin may {action} it."));
    }

    private static Refusal NoSuchRun(Guid runId) => Refusal.NotFound($"There is no run {runId}.");

    private static UnauthorizedAccessException NotAMember() => new("Only a signed-in member lists the lab's runs.");

    // A study's replicates are cancelled, resumed and deleted with their study (StudyService), never one by one.
    private static Refusal ReplicateRefusal(string done) => Refusal.Conflict($"The run is a replicate of a study; it is {done} with its study.");

    public async Task AnnounceStatusAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await store.InfoAsync(runId, cancellationToken) is { } info)
        {
            await events.StatusChangedAsync(info);
        }
    }
}

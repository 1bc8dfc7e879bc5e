using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Storage;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Runs;

/// <summary>The lab's operations on runs: submit, cancel, resume, re-run, and the snapshot a subscriber catches up from.</summary>
public sealed class ExperimentService(
    RunStore store,
    IRunDispatch dispatch,
    LiveRuns live,
    ILabEngine engine,
    FamilyStore families,
    RunEvents events,
    SubmissionAllowance allowance,
    IOptions<ComputeOptions> compute)
{
    private readonly WorkerPlacement placement = compute.Value.Workers;

    /// <summary>
    /// Queues a spec. A spec identical to a completed, running or queued run (same canonical hash, seed included)
    /// returns that run at once unless <paramref name="runAgain"/> asks for a fresh computation.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(ExperimentSpec? spec, string owner, bool runAgain, CancellationToken cancellationToken)
    {
        // Only a valid spec takes a submission from the member's allowance; a refused one costs nothing.
        var errors = engine.Check(spec);
        if (errors.Count > 0 || spec is null)
        {
            return new SubmitOutcome(null, false, errors);
        }
        if (allowance.TooFrequent(owner) is { } refused)
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
            await dispatch.QueuedAsync(run.Id, CancellationToken.None);
        }
        return new SubmitOutcome(info, false, []);
    }

    /// <summary>
    /// Cancels a queued run at once, or asks a running one to stop after its current step: one this process computes
    /// through its live entry; one a remote worker computes by ending it here, which voids the worker's claim (the
    /// worker stops at its next report, within a fraction of a second).
    /// </summary>
    public async Task<bool> CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await IsStudyReplicateAsync(runId, cancellationToken))
        {
            return false;
        }
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
    /// already stored has nothing left to compute: it is Completed at once.
    /// </summary>
    public async Task<bool> ResumeAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(runId, cancellationToken);
        if (run is null || run.StudyId is not null)
        {
            return false;
        }
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
            await dispatch.QueuedAsync(runId, CancellationToken.None);
        }
        return true;
    }

    /// <summary>Deletes a finished run with its rounds and share links; a queued or running run must be cancelled first.</summary>
    public async Task<string?> DeleteAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(runId, cancellationToken);
        if (run is null)
        {
            return $"There is no run {runId}.";
        }
        if (run.StudyId is not null)
        {
            return "The run is a replicate of a study; it is deleted with its study.";
        }
        if (run.Status is RunStatus.Queued or RunStatus.Running)
        {
            return "The run is queued or running; cancel it before deleting it.";
        }
        return await store.DeleteAsync(runId, cancellationToken) ? null : $"There is no run {runId}.";
    }

    /// <summary>A new run of the same spec, computed afresh.</summary>
    public async Task<SubmitOutcome?> RerunAsync(Guid runId, string owner, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(runId, cancellationToken);
        return run is null ? null : await SubmitAsync(RunStore.ReadSpec(run), owner, runAgain: true, cancellationToken);
    }

    /// <summary>"Compare with controls": the spec on the NLGP, on its Gaussian clone, and with random pruning.</summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitControlsAsync(ExperimentSpec? spec, string owner,
        CancellationToken cancellationToken)
    {
        if (spec is null)
        {
            return (null, [new ValidationError("Spec", "Spec is required.")]);
        }
        var nlgp = spec with { Data = spec.Data with { Source = DataSource.Nlgp }, Pruning = spec.Pruning with { Control = PruningControl.None } };
        var members = new List<(ExperimentSpec Spec, string Label, double? Value)>
        {
            (nlgp with { Name = $"{spec.Name} (NLGP)" }, "NLGP", null),
            (nlgp with { Name = $"{spec.Name} (Gaussian clone)", Data = nlgp.Data with { Source = DataSource.GaussianClone } }, "Gaussian clone", null),
            (nlgp with { Name = $"{spec.Name} (random pruning)", Pruning = nlgp.Pruning with { Control = PruningControl.RandomPruning } }, "Random pruning", null),
        };
        return await SubmitFamilyAsync(FamilyKind.Controls, $"{spec.Name}: controls", null, members, owner, cancellationToken);
    }

    /// <summary>
    /// Saves runs side by side as a comparison family: nothing is queued, the runs are the stored ones, in the given
    /// order, each labelled by its name (the page names them by what differs).
    /// </summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SaveComparisonAsync(ComparisonRequest? request, string owner,
        CancellationToken cancellationToken)
    {
        var ids = request?.Runs ?? [];
        if (ids.Count is < 2 or > ComparisonRequest.MaxRuns || ids.Distinct().Count() != ids.Count)
        {
            return (null, [new ValidationError("Runs", $"Runs must hold 2 to {ComparisonRequest.MaxRuns} different run ids; got {ids.Count}.")]);
        }
        if (request!.Name is { Length: > ComparisonRequest.MaxNameLength })
        {
            return (null, [new ValidationError("Name", $"Name must be at most {ComparisonRequest.MaxNameLength} characters; got {request.Name.Length}.")]);
        }
        var members = new List<(Guid, string, double?)>();
        foreach (var id in ids)
        {
            if (await store.InfoAsync(id, cancellationToken) is not { } run)
            {
                return (null, [new ValidationError("Runs", $"Runs: there is no run {id}.")]);
            }
            members.Add((id, run.Name, null));
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"Comparison of {ids.Count} runs" : request.Name.Trim();
        var familyId = await families.CreateAsync(FamilyKind.Comparison, name, null, owner, members, cancellationToken);
        return (await families.FindAsync(familyId, cancellationToken), []);
    }

    /// <summary>A sweep: one run per value of a field, everything else as in the spec.</summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitSweepAsync(SweepRequest? request, string owner,
        CancellationToken cancellationToken)
    {
        if (request?.Spec is null || request.Field is null || request.Values is null)
        {
            return (null, [new ValidationError("Sweep", "A sweep needs a spec, a field and a list of values.")]);
        }
        if (!SweepFields.Names.Contains(request.Field))
        {
            return (null, [new ValidationError("Field", $"Field must be one of {string.Join(", ", SweepFields.Names)}; got '{request.Field}'.")]);
        }
        if (request.Values.Length is < 2 or > SweepFields.MaxValues || request.Values.Distinct().Count() != request.Values.Length)
        {
            return (null, [new ValidationError("Values", $"Values must hold 2 to {SweepFields.MaxValues} different numbers; got {request.Values.Length}.")]);
        }
        var members = request.Values
            .Select(v => (SweepFields.Apply(request.Spec, request.Field, v)! with { Name = $"{request.Spec.Name} ({request.Field} = {v})" },
                $"{request.Field} = {v}", (double?)v))
            .ToList();
        return await SubmitFamilyAsync(FamilyKind.Sweep, $"{request.Spec.Name}: {request.Field} sweep", request.Field, members, owner, cancellationToken);
    }

    private async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitFamilyAsync(FamilyKind kind, string name, string? field,
        List<(ExperimentSpec Spec, string Label, double? Value)> members, string owner, CancellationToken cancellationToken)
    {
        // All or nothing: every member is checked before any is queued, each error saying which member it is.
        var errors = members
            .SelectMany(m => engine.Check(m.Spec).Select(e => e with { Message = $"{m.Label}: {e.Message}" }))
            .ToList();
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        if (allowance.TooFrequent(owner) is { } refused)
        {
            return (null, [refused]);
        }
        using var turn = await allowance.TurnAsync(owner, cancellationToken);
        if (await allowance.QueueFullAsync(owner, members.Count, cancellationToken) is { } full)
        {
            return (null, [full]);
        }
        var runs = new List<(Guid, string, double?)>();
        foreach (var member in members)
        {
            var outcome = await QueueAsync(member.Spec, owner, runAgain: false, checkQueue: false, cancellationToken);
            runs.Add((outcome.Run!.Id, member.Label, member.Value));
        }
        var id = await families.CreateAsync(kind, name, field, owner, runs, cancellationToken);
        return (await families.FindAsync(id, cancellationToken), []);
    }

    /// <summary>The run's spec as stored (JSON), or null for no such run.</summary>
    public async Task<string?> SpecJsonAsync(Guid runId, CancellationToken cancellationToken) =>
        (await store.FindAsync(runId, cancellationToken))?.SpecJson;

    public async Task<RunSnapshot?> SnapshotAsync(Guid runId, CancellationToken cancellationToken)
    {
        var info = await store.InfoAsync(runId, cancellationToken);
        if (info is null)
        {
            return null;
        }
        var rounds = await store.RoundsAsync(runId, withArrays: true, cancellationToken);
        return new RunSnapshot(info, [.. rounds.Select(r => FirstLayerFrameEncoder.Frame(runId, r))], live.Progress(runId));
    }

    // A study's replicates are cancelled, resumed and deleted with their study (StudyService), never one by one.
    private async Task<bool> IsStudyReplicateAsync(Guid runId, CancellationToken cancellationToken) =>
        (await store.FindAsync(runId, cancellationToken))?.StudyId is not null;

    public async Task AnnounceStatusAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await store.InfoAsync(runId, cancellationToken) is { } info)
        {
            await events.StatusChangedAsync(info);
        }
    }
}

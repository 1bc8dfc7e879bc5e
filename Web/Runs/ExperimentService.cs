using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Hubs;
using LocalityLab.Web.Storage;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Runs;

/// <summary>The lab's operations on runs: submit, cancel, resume, re-run, and the snapshot a subscriber catches up from.</summary>
public sealed class ExperimentService(
    RunStore store,
    RunQueue queue,
    LiveRuns live,
    ExperimentAdmission admission,
    IHubContext<ExperimentHub, IExperimentClient> hub)
{
    /// <summary>
    /// Queues a spec. A spec identical to a completed, running or queued run (same canonical hash, seed included)
    /// returns that run at once unless <paramref name="runAgain"/> asks for a fresh computation.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(ExperimentSpec? spec, string owner, bool runAgain, CancellationToken cancellationToken)
    {
        var errors = admission.Check(spec);
        if (errors.Count > 0 || spec is null)
        {
            return new SubmitOutcome(null, false, errors);
        }
        if (!runAgain && await store.FindReusableAsync(RunStore.SpecHash(spec), cancellationToken) is { } done)
        {
            return new SubmitOutcome(await store.InfoAsync(done.Id, cancellationToken), true, []);
        }
        var run = await store.CreateAsync(spec, owner, cancellationToken);
        queue.Enqueue(run.Id);
        var info = await store.InfoAsync(run.Id, cancellationToken);
        await hub.Clients.Group(ExperimentHub.Group(run.Id)).StatusChanged(info!);
        return new SubmitOutcome(info, false, []);
    }

    /// <summary>Cancels a queued run at once, or asks a running one to stop after its current step.</summary>
    public async Task<bool> CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await store.TransitionAsync(runId, [RunStatus.Queued], RunStatus.Cancelled, null, cancellationToken))
        {
            await AnnounceStatusAsync(runId, cancellationToken);
            return true;
        }
        return live.Cancel(runId);
    }

    /// <summary>Queues an interrupted or cancelled run again; it continues after its last stored round.</summary>
    public async Task<bool> ResumeAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (!await store.TransitionAsync(runId, [RunStatus.Interrupted, RunStatus.Cancelled], RunStatus.Queued, null, cancellationToken))
        {
            return false;
        }
        queue.Enqueue(runId);
        await AnnounceStatusAsync(runId, cancellationToken);
        return true;
    }

    /// <summary>A new run of the same spec, computed afresh.</summary>
    public async Task<SubmitOutcome?> RerunAsync(Guid runId, string owner, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(runId, cancellationToken);
        return run is null ? null : await SubmitAsync(RunStore.ReadSpec(run), owner, runAgain: true, cancellationToken);
    }

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

    public async Task AnnounceStatusAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (await store.InfoAsync(runId, cancellationToken) is { } info)
        {
            await hub.Clients.Group(ExperimentHub.Group(runId)).StatusChanged(info);
        }
    }
}

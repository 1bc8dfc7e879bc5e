using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>
/// Holds a run's worker inside one of the run's announcements (RunEvents awaits every listener) until released, so a
/// test can act while the run is at a known point however fast or slow the machine is. Listen before the run can
/// reach that point: hand a run stored with <c>RunStore.CreateAsync</c> to the workers only afterwards.
/// </summary>
public sealed class AnnouncementHold : IDisposable
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    private AnnouncementHold(RunEvents events, Guid runId, Func<RunInfo, bool>? atStatus, int? atRound)
    {
        _subscription = events.Listen(runId, new RunListener(
            statusChanged: run => atStatus is not null && atStatus(run) ? HoldAsync() : Task.CompletedTask,
            roundCompleted: round => round.Summary.Round == atRound ? HoldAsync() : Task.CompletedTask));
    }

    /// <summary>Holds the worker when it announces that the run is Running.</summary>
    public static AnnouncementHold WhenRunning(RunEvents events, Guid runId) =>
        new(events, runId, run => run.Status == RunStatus.Running, null);

    /// <summary>Holds the worker when it announces round <paramref name="round"/> (stored already; the next may be training beside it, no later one).</summary>
    public static AnnouncementHold AtRound(RunEvents events, Guid runId, int round) => new(events, runId, null, round);

    /// <summary>
    /// Stores a quick run, hands it to the workers and returns once its worker is held in the announcement that it is
    /// Running: one compute slot stays taken until <see cref="Release"/>.
    /// </summary>
    public static async Task<AnnouncementHold> RunningBlockerAsync(LabFactory lab, long seed)
    {
        var blocker = await lab.Service<RunStore>().CreateAsync(LabFactory.Spec(rounds: 0, seed: seed), "ada", CancellationToken.None);
        var hold = WhenRunning(lab.Service<RunEvents>(), blocker.Id);
        lab.Service<RunQueue>().Wake();
        await hold.ReachedAsync();
        return hold;
    }

    /// <summary>Waits (generously) until the worker is held.</summary>
    public Task ReachedAsync() => _reached.Task.WaitAsync(TimeSpan.FromMinutes(2));

    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        Release();
        _subscription.Dispose();
    }

    private Task HoldAsync() => _reached.TrySetResult() ? _released.Task : Task.CompletedTask;
}

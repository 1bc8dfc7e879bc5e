using System.Collections.Concurrent;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>
/// The queue: at most Compute:MaxConcurrentRuns runs train at once, and the rest start first in first out, in the
/// order their queue positions show. Every test holds the workers at known points instead of racing them.
/// </summary>
public sealed class RunQueueTests
{
    [Fact]
    public async Task Three_queued_runs_show_positions_1_2_3_and_start_one_at_a_time_in_the_order_they_were_submitted()
    {
        await using var lab = new LabFactory(); // Compute:MaxConcurrentRuns = 1, the default
        var api = new RunsApi(await lab.ClientAsync());
        using var blocker = await AnnouncementHold.RunningBlockerAsync(lab, seed: 90);
        var submitted = new List<RunInfo>();
        for (int i = 0; i < 3; i++)
        {
            submitted.Add((await api.SubmitAsync(LabFactory.Spec(rounds: 0, seed: 91 + i))).Run!);
        }
        var ids = submitted.Select(r => r.Id).ToList();
        using var log = new StatusLog(lab.Service<RunEvents>(), ids);

        Assert.Equal([1, 2, 3], submitted.Select(r => r.QueuePosition)); // as answered to each submission
        var positions = new List<int?>();
        foreach (var id in ids)
        {
            positions.Add((await api.RunAsync(id)).QueuePosition);
        }
        Assert.Equal([1, 2, 3], positions); // as read with all three queued
        blocker.Release();
        foreach (var id in ids)
        {
            await api.WaitForAsync(id, RunStatus.Completed);
        }

        Assert.Equal(ids, log.Started);
        // One at a time: each run was announced Running only after the one before it was announced Completed.
        for (int i = 1; i < ids.Count; i++)
        {
            Assert.True(log.IndexOf(ids[i], RunStatus.Running) > log.IndexOf(ids[i - 1], RunStatus.Completed),
                $"run {i + 1} started before run {i} completed: {log}");
        }
    }

    [Fact]
    public async Task With_two_concurrent_runs_two_train_at_once_and_the_third_waits_first_in_line()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Compute:MaxConcurrentRuns"] = "2" });
        var api = new RunsApi(await lab.ClientAsync());
        var store = lab.Service<RunStore>();
        var events = lab.Service<RunEvents>();
        var ids = new List<Guid>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await store.CreateAsync(LabFactory.Spec(rounds: 0, seed: 81 + i), "ada", CancellationToken.None)).Id);
        }
        using var log = new StatusLog(events, ids);
        using var first = AnnouncementHold.WhenRunning(events, ids[0]);
        using var second = AnnouncementHold.WhenRunning(events, ids[1]);
        for (int i = 0; i < 3; i++)
        {
            lab.Service<RunQueue>().Wake(); // as the three submissions would
        }

        // Both workers are held inside their runs at the same time: two Running at once, the third still Queued.
        await first.ReachedAsync();
        await second.ReachedAsync();
        Assert.Equal(RunStatus.Running, (await api.RunAsync(ids[0])).Status);
        Assert.Equal(RunStatus.Running, (await api.RunAsync(ids[1])).Status);
        var third = await api.RunAsync(ids[2]);
        Assert.Equal((RunStatus.Queued, (int?)1), (third.Status, third.QueuePosition));

        first.Release();
        second.Release();
        foreach (var id in ids)
        {
            await api.WaitForAsync(id, RunStatus.Completed);
        }
        // Which of the first two announced Running first is up to the scheduler; the third came after both.
        Assert.Equal([.. ids.Take(2).Order(), ids[2]], [.. log.Started.Take(2).Order(), .. log.Started.Skip(2)]);
        Assert.True(log.IndexOf(ids[2], RunStatus.Running) > Math.Min(log.IndexOf(ids[0], RunStatus.Completed), log.IndexOf(ids[1], RunStatus.Completed)),
            $"the third run started before a slot was free: {log}");
    }

    [Fact]
    public async Task Queued_runs_start_in_queue_order_whatever_order_the_workers_are_woken_in()
    {
        await using var lab = new LabFactory();
        var api = new RunsApi(await lab.ClientAsync());
        var store = lab.Service<RunStore>();
        using var blocker = await AnnouncementHold.RunningBlockerAsync(lab, seed: 70);
        // Two submissions stored first whose wake-ups are late (as when requests race), then a third whose wake-up
        // comes first. A worker taking runs in wake-up order would start the third first, against the positions shown.
        var early = await store.CreateAsync(LabFactory.Spec(rounds: 0, seed: 71), "ada", CancellationToken.None);
        var next = await store.CreateAsync(LabFactory.Spec(rounds: 0, seed: 72), "ada", CancellationToken.None);
        var last = (await api.SubmitAsync(LabFactory.Spec(rounds: 0, seed: 73))).Run!;
        List<Guid> ids = [early.Id, next.Id, last.Id];
        using var log = new StatusLog(lab.Service<RunEvents>(), ids);
        lab.Service<RunQueue>().Wake();
        lab.Service<RunQueue>().Wake();
        var positions = new List<int?>();
        foreach (var id in ids)
        {
            positions.Add((await api.RunAsync(id)).QueuePosition);
        }

        blocker.Release();
        foreach (var id in ids)
        {
            await api.WaitForAsync(id, RunStatus.Completed);
        }

        Assert.Equal([1, 2, 3], positions);
        Assert.Equal(ids, log.Started);
    }

    [Fact]
    public async Task Runs_queued_at_the_same_instant_get_distinct_positions_and_are_claimed_in_that_order()
    {
        await using var lab = new LabFactory();
        _ = lab.Server; // starts the host, which migrates the database
        // A clock that never moves: every run is queued at the same tick.
        var clock = new StoppedClock(DateTimeOffset.UtcNow);
        var store = new RunStore(lab.Service<IDbContextFactory<LabDbContext>>(), new QueueStates(clock), clock);
        var ids = new List<Guid>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await store.CreateAsync(LabFactory.Spec(seed: 61 + i), "ada", CancellationToken.None)).Id);
        }
        var positions = new List<int?>();
        foreach (var id in ids)
        {
            positions.Add((await store.InfoAsync(id, CancellationToken.None))!.QueuePosition);
        }
        var claimed = new List<Guid?>();
        for (int i = 0; i < 4; i++)
        {
            claimed.Add(await store.ClaimNextAsync("test worker (cpu)", CancellationToken.None));
        }

        Assert.Equal([1, 2, 3], positions);
        Assert.Equal([.. ids.Select(id => (Guid?)id), null], claimed);
        foreach (var id in ids)
        {
            Assert.Equal(RunStatus.Running, (await store.FindAsync(id, CancellationToken.None))!.Status);
        }
    }

    [Fact]
    public async Task A_resumed_run_is_announced_Queued_before_a_worker_can_claim_it()
    {
        await using var lab = new LabFactory();
        var api = new RunsApi(await lab.ClientAsync());
        var store = lab.Service<RunStore>();
        var service = lab.Service<ExperimentService>();
        var run = await store.CreateAsync(LabFactory.Spec(rounds: 0, seed: 61), "ada", CancellationToken.None); // no wake-up
        Assert.Null(await service.CancelAsync(Callers.Member("ada"), run.Id, CancellationToken.None));

        // While the Queued announcement is being heard, no worker may have been woken yet: the run is still Queued.
        // (Waking first let an idle worker claim it and announce Running before, or while, Queued was announced.)
        RunStatus? storedWhileAnnounced = null;
        using var heard = new StatusLog(lab.Service<RunEvents>(), [run.Id]);
        using var probe = lab.Service<RunEvents>().Listen(run.Id, new RunListener(statusChanged: async info =>
        {
            if (info.Status == RunStatus.Queued)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                storedWhileAnnounced = (await store.FindAsync(run.Id, CancellationToken.None))!.Status;
            }
        }));
        Assert.Null(await service.ResumeAsync(Callers.Member("ada"), run.Id, CancellationToken.None));
        await api.WaitForAsync(run.Id, RunStatus.Completed);

        Assert.Equal(RunStatus.Queued, storedWhileAnnounced);
        Assert.True(heard.IndexOf(run.Id, RunStatus.Queued) < heard.IndexOf(run.Id, RunStatus.Running), heard.ToString());
    }

    /// <summary>The status announcements of some runs, in the order they were made.</summary>
    private sealed class StatusLog : IDisposable
    {
        private readonly ConcurrentQueue<(Guid Id, RunStatus Status)> _entries = new();
        private readonly List<IDisposable> _subscriptions;

        public StatusLog(RunEvents events, IEnumerable<Guid> runIds) =>
            _subscriptions = [.. runIds.Select(id => events.Listen(id, new RunListener(statusChanged: run =>
            {
                _entries.Enqueue((run.Id, run.Status));
                return Task.CompletedTask;
            })))];

        /// <summary>The runs in the order they were announced Running.</summary>
        public List<Guid> Started => [.. _entries.Where(e => e.Status == RunStatus.Running).Select(e => e.Id)];

        public int IndexOf(Guid id, RunStatus status) => _entries.ToList().IndexOf((id, status));

        public override string ToString() => string.Join(", ", _entries.Select(e => $"{e.Id.ToString()[..4]} {e.Status}"));

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}

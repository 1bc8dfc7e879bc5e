using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>The queue's rules, said once for runs and studies: each kind of record moves the same way.</summary>
public sealed class QueueStatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static IEnumerable<IQueuedRecord> BothKinds() =>
    [
        new RunRecord { Name = "r", Owner = "ada", SpecJson = "{}", SpecHash = "h", DataSummary = "d" },
        new StudyRecord { Name = "s", Owner = "ada", SpecJson = "{}", Identity = "i" },
    ];

    [Fact]
    public void Queued_by_a_person_takes_a_position_is_marked_undispatched_and_is_no_longer_finished()
    {
        var queue = new QueueStates(new StoppedClock(Now));
        foreach (var record in BothKinds())
        {
            record.FinishedAt = Now.AddHours(-1);
            record.Error = "stopped";

            queue.Move(record, RunStatus.Queued, null);

            Assert.Equal((RunStatus.Queued, (string?)null, (DateTimeOffset?)Now, (DateTimeOffset?)null),
                (record.Status, record.Error, record.UndispatchedSince, record.FinishedAt));
            Assert.True(record.QueueOrder >= Now.UtcTicks);
        }
    }

    [Fact]
    public void Running_keeps_its_first_start_and_an_end_records_when_and_why()
    {
        var queue = new QueueStates(new StoppedClock(Now));
        foreach (var record in BothKinds())
        {
            record.StartedAt = Now.AddDays(-1);
            record.UndispatchedSince = Now.AddMinutes(-5);

            queue.Move(record, RunStatus.Running, null);
            Assert.Equal((Now.AddDays(-1), (DateTimeOffset?)null), (record.StartedAt!.Value, record.UndispatchedSince));

            queue.Move(record, RunStatus.Failed, "diverged");
            Assert.Equal((RunStatus.Failed, "diverged", (DateTimeOffset?)Now), (record.Status, record.Error, record.FinishedAt));
        }
    }

    [Fact]
    public void A_record_a_worker_hands_back_keeps_its_dispatch_mark()
    {
        // The job engine requeues the job itself: marking it undispatched would have the sweeper dispatch it a second time.
        var queue = new QueueStates(new StoppedClock(Now));
        foreach (var record in BothKinds())
        {
            record.Status = RunStatus.Running;
            record.UndispatchedSince = null;

            queue.Move(record, RunStatus.Queued, null, byPerson: false);

            Assert.Equal((RunStatus.Queued, (DateTimeOffset?)null), (record.Status, record.UndispatchedSince));
        }
    }

    [Fact]
    public async Task Records_queued_at_one_instant_from_many_threads_all_get_different_positions()
    {
        var queue = new QueueStates(new StoppedClock(Now));

        var positions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 1000).Select(_ => queue.NextQueueOrder()).ToArray())));

        var all = positions.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(positions, p => Assert.Equal(p.Order(), p)); // each thread's in the order it queued
        Assert.Equal(Now.UtcTicks, all.Min());
    }
}

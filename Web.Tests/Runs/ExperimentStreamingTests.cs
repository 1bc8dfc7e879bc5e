using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>Submit, stream over SignalR, store: the experiment service end to end in a test host.</summary>
public sealed class ExperimentStreamingTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = null!;
    private RunsApi _api = null!;

    public async Task InitializeAsync()
    {
        _client = await _lab.ClientAsync();
        _api = new RunsApi(_client);
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task A_quick_spec_streams_its_rounds_in_order_with_rising_sparsity_and_stores_them_all()
    {
        await using var hub = _lab.Hub(_client);
        var frames = new ConcurrentQueue<RoundFrame>();
        var statuses = new ConcurrentQueue<RunStatus>();
        var done = new TaskCompletionSource();
        hub.On<RoundFrame>(nameof(IExperimentClient.RoundCompleted), f => frames.Enqueue(f));
        hub.On<RunInfo>(nameof(IExperimentClient.StatusChanged), r =>
        {
            statuses.Enqueue(r.Status);
            if (r.Status is RunStatus.Completed or RunStatus.Failed)
            {
                done.TrySetResult();
            }
        });
        await hub.StartAsync();
        RunInfo run;
        // A first run holds the single compute slot while we subscribe to the second: the worker is held inside the
        // announcement that the blocker is running until we release it (waiting for Running raced a fast machine).
        // Stored first and handed to the worker only once we listen, so its Running announcement cannot be missed.
        var blocker = await _lab.Service<RunStore>().CreateAsync(LabFactory.Spec(rounds: 0, seed: 99), "ada", CancellationToken.None);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_lab.Service<RunEvents>().Listen(blocker.Id, new RunListener(statusChanged: async r =>
        {
            if (r.Status == RunStatus.Running && running.TrySetResult())
            {
                await release.Task;
            }
        })))
        {
            _lab.Service<RunQueue>().Wake();
            await running.Task.WaitAsync(TimeSpan.FromMinutes(1));
            var (status, queued, _) = await _api.SubmitAsync(LabFactory.Spec());
            Assert.Equal(HttpStatusCode.Created, status);
            run = queued!;
            var snapshot = await hub.InvokeAsync<RunSnapshot>(ExperimentHubRoutes.Subscribe, run.Id);
            // The blocker runs; ours is next in line.
            Assert.Equal((RunStatus.Queued, (int?)1), (snapshot.Run.Status, snapshot.Run.QueuePosition));
            release.SetResult();
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal([0, 1, 2, 3], frames.Select(f => f.Summary.Round));
        Assert.True(frames.Select(f => f.Summary.Sparsity).Zip(frames.Skip(1).Select(f => f.Summary.Sparsity)).All(p => p.First < p.Second));
        Assert.Equal([RunStatus.Running, RunStatus.Completed], statuses.Distinct());
        var stored = await _api.RoundsAsync(run.Id);
        Assert.Equal(frames.Select(f => JsonSerializer.Serialize(f.Summary, SpecJson.Options)), stored.Select(r => JsonSerializer.Serialize(r, SpecJson.Options)));
        var info = await _api.RunAsync(run.Id);
        Assert.Equal((RunStatus.Completed, 4, 4), (info.Status, info.RoundsCompleted, info.TotalRounds));
    }

    [Fact]
    public async Task A_late_subscriber_ends_with_exactly_what_an_early_one_saw()
    {
        await using var early = _lab.Hub(_client);
        var seen = new ConcurrentQueue<RoundFrame>();
        var done = new TaskCompletionSource();
        early.On<RoundFrame>(nameof(IExperimentClient.RoundCompleted), f => seen.Enqueue(f));
        early.On<RunInfo>(nameof(IExperimentClient.StatusChanged), r =>
        {
            if (r.Status == RunStatus.Completed)
            {
                done.TrySetResult();
            }
        });
        await early.StartAsync();
        RunInfo? run;
        // A blocker holds the compute slot until the early subscriber listens, so it cannot miss round 0.
        using (await AnnouncementHold.RunningBlockerAsync(_lab, seed: 98))
        {
            (_, run, _) = await _api.SubmitAsync(LabFactory.Spec());
            await early.InvokeAsync<RunSnapshot>(ExperimentHubRoutes.Subscribe, run!.Id);
        }
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));

        await using var late = _lab.Hub(_client);
        await late.StartAsync();
        var snapshot = await late.InvokeAsync<RunSnapshot>(ExperimentHubRoutes.Subscribe, run.Id);

        Assert.Equal(RunStatus.Completed, snapshot.Run.Status);
        Assert.Equal(Serialize(seen), Serialize(snapshot.Rounds));
    }

    [Fact]
    public async Task A_subscriber_joining_mid_run_ends_with_exactly_what_an_early_one_saw()
    {
        // Stored, and handed to the worker only once the early subscriber listens and the hold is in place.
        var run = await _lab.Service<RunStore>().CreateAsync(LabFactory.Spec(rounds: 3, seed: 97), "ada", CancellationToken.None);
        await using var early = await RunSubscriber.ConnectAsync(_lab, _client);
        await early.SubscribeAsync(run.Id);
        using var hold = AnnouncementHold.AtRound(_lab.Service<RunEvents>(), run.Id, round: 1);
        _lab.Service<RunQueue>().Wake();

        // The worker is held inside the announcement of round 1: rounds 0 and 1 are stored, rounds 2 and 3 to come.
        await hold.ReachedAsync();
        await using var late = await RunSubscriber.ConnectAsync(_lab, _client);
        var snapshot = await late.SubscribeAsync(run.Id);
        Assert.Equal(RunStatus.Running, snapshot.Run.Status);
        Assert.Equal([0, 1], snapshot.Rounds.Select(r => r.Summary.Round));
        hold.Release();
        var earlyEnd = await early.FinishedAsync();
        var lateEnd = await late.FinishedAsync();

        Assert.Equal(RunStatus.Completed, earlyEnd.Status);
        Assert.Equal(earlyEnd, lateEnd);
        Assert.Equal([0, 1, 2, 3], early.LiveRounds.Select(r => r.Summary.Round)); // the early one saw every round live
        Assert.Equal([0, 1, 2, 3], late.Rounds.Select(r => r.Summary.Round)); // merged: no gap, no duplicate
        Assert.Equal(Serialize(early.LiveRounds), Serialize(late.Rounds));
        Assert.Equal(Serialize(early.Rounds), Serialize(late.Rounds));
    }

    [Fact]
    public async Task A_subscriber_gets_progress_with_rising_steps_at_least_about_once_a_second_while_a_round_trains()
    {
        // A round far longer than we watch (two million steps); stored, and handed to the worker once we listen.
        var spec = LabFactory.Spec(rounds: 0, seed: 96) with { Training = LabFactory.Spec().Training with { Steps = 2_000_000 } };
        var run = await _lab.Service<RunStore>().CreateAsync(spec, "ada", CancellationToken.None);
        await using var watcher = await RunSubscriber.ConnectAsync(_lab, _client);
        await watcher.SubscribeAsync(run.Id);
        _lab.Service<RunQueue>().Wake();

        // Four seconds of training, from the first report on (preparing the data before it is not training).
        await watcher.ProgressingAsync();
        var from = watcher.Progress.First().At;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var until = watcher.Now;
        var seen = watcher.Progress.Where(p => p.At <= until).ToList();
        await _api.PostAsync($"/api/runs/{run.Id}/cancel");
        Assert.Equal(RunStatus.Cancelled, (await watcher.FinishedAsync()).Status);

        Assert.All(seen, p => Assert.Equal(0, p.Progress.Round));
        Assert.All(seen, p => Assert.InRange(p.Progress.Step, 1, p.Progress.StepsInRound));
        var steps = seen.Select(p => p.Progress.Step).ToList();
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First < p.Second), $"steps did not rise: {string.Join(", ", steps)}");
        // The engine reports every 250 ms (RoundTrainer.ProgressInterval) and the contract is at least once a second.
        // On a loaded 2-core machine the training thread or the long-polling transport can stall for a moment, so one
        // gap over a second is scheduling noise, not a broken contract; reports mostly further apart than a second,
        // or reports that stop, are. So: the median gap (the time from the last report to the end of the window
        // counts as a gap too) is under a second, and at least one report arrived per two seconds watched.
        var times = seen.Select(p => p.At).Append(until).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToList();
        var watched = until - from;
        Assert.True(gaps[gaps.Count / 2] < TimeSpan.FromSeconds(1),
            $"median gap {gaps[gaps.Count / 2].TotalMilliseconds:F0} ms over {seen.Count} reports in {watched.TotalSeconds:F1} s");
        Assert.True(seen.Count >= 0.5 * watched.TotalSeconds, $"{seen.Count} reports in {watched.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_diverging_run_fails_and_the_subscriber_the_status_and_the_store_all_say_why()
    {
        // Fine-tuning (no rewind) with momentum on the squared loss just past stability: round 0 completes and the
        // carried-over weights blow up early in round 1 (learning rates 0.18 to 0.28 all do; Compute.Tests checks
        // the engine side of the same spec).
        var spec = LabFactory.Spec(seed: 95) with
        {
            Training = LabFactory.Spec().Training with { LearningRate = 0.22, Momentum = 0.9, Loss = LossKind.Mse, Steps = 20, Epochs = 0 },
            Pruning = LabFactory.Spec().Pruning with { Rounds = 4, Rewind = RewindKind.None },
        };
        await using var watcher = await RunSubscriber.ConnectAsync(_lab, _client);
        RunInfo run;
        // Submitted through the API while a blocker holds the compute slot, so the subscription is in place before
        // the run can start.
        using (await AnnouncementHold.RunningBlockerAsync(_lab, seed: 94))
        {
            var (status, queued, _) = await _api.SubmitAsync(spec);
            Assert.Equal(HttpStatusCode.Created, status);
            run = queued!;
            await watcher.SubscribeAsync(run.Id);
        }

        var reason = await watcher.FailedAsync();
        var end = await watcher.FinishedAsync();

        Assert.Matches(@"^Training diverged in round \d+ at step \d+", reason);
        Assert.Contains("Training.LearningRate", reason);
        Assert.Equal((RunStatus.Failed, reason), (end.Status, end.Error));
        Assert.Equal([RunStatus.Running, RunStatus.Failed], watcher.Statuses);
        var stored = await _api.RunAsync(run.Id);
        Assert.Equal((RunStatus.Failed, reason), (stored.Status, stored.Error));
        // The round before the one that diverged is kept, stored and announced.
        int diverged = int.Parse(Regex.Match(reason, @"round (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(1, diverged);
        Assert.Equal(Enumerable.Range(0, diverged), (await _api.RoundsAsync(run.Id)).Select(r => r.Round));
        Assert.Equal(diverged, stored.RoundsCompleted);
        Assert.Equal(Enumerable.Range(0, diverged), watcher.LiveRounds.Select(r => r.Summary.Round));
        // Whoever subscribes later learns the same from the snapshot.
        await using var late = await RunSubscriber.ConnectAsync(_lab, _client);
        var snapshot = await late.SubscribeAsync(run.Id);
        Assert.Equal((RunStatus.Failed, reason, diverged), (snapshot.Run.Status, snapshot.Run.Error, snapshot.Rounds.Count));
    }

    [Fact]
    public async Task Cancelling_a_running_run_stops_it_and_keeps_its_completed_rounds()
    {
        // Held inside the announcement of round 1 (rounds 0 and 1 stored, round 2 training beside it, and no later round:
        // RoundStreams keeps two in hand), so the cancel reaches a run that is certainly running however fast the machine
        // trains; polling for a completed round and then cancelling raced the whole run to its end.
        var run = await _lab.Service<RunStore>().CreateAsync(LabFactory.Spec(epochs: 400, rounds: 5, seed: 93), "ada", CancellationToken.None);
        using var hold = AnnouncementHold.AtRound(_lab.Service<RunEvents>(), run.Id, round: 1);
        _lab.Service<RunQueue>().Wake();
        await hold.ReachedAsync();

        var response = await _api.PostAsync($"/api/runs/{run.Id}/cancel");
        hold.Release();
        var cancelled = await _api.WaitForAsync(run.Id, RunStatus.Cancelled, RunStatus.Completed);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        // Round 2 stops at the cancel, or, on a machine slow to deliver it, had finished beside the held round and is kept
        // (nothing computed is lost); round 3 never began. Every stored round is kept.
        Assert.InRange(cancelled.RoundsCompleted, 2, 3);
        Assert.Equal(Enumerable.Range(0, cancelled.RoundsCompleted), (await _api.RoundsAsync(run.Id)).Select(r => r.Round));
    }

    [Fact]
    public async Task Cancelling_a_queued_run_takes_it_off_the_queue()
    {
        RunInfo? queued;
        using (await AnnouncementHold.RunningBlockerAsync(_lab, seed: 1))
        {
            (_, queued, _) = await _api.SubmitAsync(LabFactory.Spec(seed: 2));
            Assert.Equal(RunStatus.Queued, (await _api.RunAsync(queued!.Id)).Status);

            var response = await _api.PostAsync($"/api/runs/{queued.Id}/cancel");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // The slot is free again; a run submitted after the cancelled one runs, and the cancelled one never does.
        var (_, next, _) = await _api.SubmitAsync(LabFactory.Spec(seed: 3));
        await _api.WaitForAsync(next!.Id, RunStatus.Completed);
        var after = await _api.RunAsync(queued.Id);
        Assert.Equal((RunStatus.Cancelled, 0), (after.Status, after.RoundsCompleted));
        Assert.Empty(await _api.RoundsAsync(queued.Id));
    }

    [Fact]
    public async Task An_identical_spec_returns_the_stored_run_unless_asked_to_run_again()
    {
        var (_, run, _) = await _api.SubmitAsync(LabFactory.Spec());
        await _api.WaitForAsync(run!.Id, RunStatus.Completed);

        var same = await _api.SubmitAsync(LabFactory.Spec() with { Name = "another name, same experiment" });
        var again = await _api.SubmitAsync(LabFactory.Spec(), runAgain: true);
        var otherSeed = await _api.SubmitAsync(LabFactory.Spec(seed: 6));

        Assert.Equal((HttpStatusCode.OK, run.Id), (same.Status, same.Run!.Id));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.NotEqual(run.Id, again.Run!.Id);
        Assert.NotEqual(run.Id, otherSeed.Run!.Id);
    }

    [Fact]
    public async Task A_bad_spec_gets_400_naming_the_field_and_no_run()
    {
        var (status, _, body) = await _api.SubmitAsync(LabFactory.Spec() with { Data = LabFactory.Spec().Data with { Gain = 250 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Data.Gain must be a number in [0, 100]; got 250.", body);
        Assert.Empty(await _client.GetAllRunsAsync());
    }

    private static List<string> Serialize(IEnumerable<RoundFrame> frames) =>
        [.. frames.Select(f => JsonSerializer.Serialize(f, SpecJson.Options))];
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>Nothing computed is lost when the server stops mid-run, and Resume gives what an uninterrupted run gives.</summary>
public sealed class InterruptedRunTests
{
    private static readonly ExperimentSpec Spec = LabFactory.Spec(epochs: 20, rounds: 4, seed: 21);

    [Fact]
    public async Task A_host_stopped_mid_run_restarts_with_the_run_interrupted_and_resume_finishes_identically()
    {
        string database = LabFactory.NewSqliteFile();
        Guid referenceId, interruptedId;
        List<RoundResult> reference;
        Dictionary<int, byte[]> referenceArrays;
        await using (var lab = new LabFactory(database))
        {
            var api = new RunsApi(await lab.ClientAsync());
            referenceId = (await api.SubmitAsync(Spec)).Run!.Id;
            await api.WaitForAsync(referenceId, RunStatus.Completed);
            reference = await api.RoundsAsync(referenceId);
            referenceArrays = await ArraysAsync(await lab.ClientAsync(), referenceId, reference.Count);
        }

        int storedBeforeStop;
        // A service that stops before the workers and takes until the run has ended: a worker that went on training
        // once the host began to stop would finish the run meanwhile (as it did on CI, where stopping was slow).
        var runEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var lab = new LabFactory(database) { TestServices = services => services.AddHostedService(_ => new StopsWhenDone(runEnded.Task)) })
        {
            var api = new RunsApi(await lab.ClientAsync());
            // Stored first and handed to the worker only once the hold is in place: a run submitted through the API
            // could pass round 1 before the listener was attached (on a loaded CI machine all five rounds were stored).
            interruptedId = (await lab.Service<RunStore>().CreateAsync(Spec, "ada", CancellationToken.None)).Id;
            // Hold the worker inside the announcement of round 1 (stored already) until the host begins to stop, so
            // the run is mid-way when the host stops however fast the machine is (a timing race failed on CI).
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopping = lab.Service<IHostApplicationLifetime>().ApplicationStopping;
            using var hold = lab.Service<RunEvents>().Listen(interruptedId, new RunListener(roundCompleted: async round =>
            {
                if (round.Summary.Round >= 1 && held.TrySetResult())
                {
                    await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }));
            // Heard while the host stops, after this block's own subscriptions are disposed.
            _ = lab.Service<RunEvents>().Listen(interruptedId, new RunListener(statusChanged: run =>
            {
                if (run.Status is not (RunStatus.Queued or RunStatus.Running))
                {
                    runEnded.TrySetResult();
                }
                return Task.CompletedTask;
            }));
            lab.Service<RunQueue>().Wake();
            await held.Task.WaitAsync(TimeSpan.FromMinutes(2));
            storedBeforeStop = (await api.RunAsync(interruptedId)).RoundsCompleted;
            Assert.Equal(2, storedBeforeStop); // rounds 0 and 1, the worker held in round 1's announcement
        } // the host stops here, mid-run

        await using (var lab = new LabFactory(database))
        {
            var api = new RunsApi(await lab.ClientAsync());
            var after = await api.RunAsync(interruptedId);
            Assert.Equal(RunStatus.Interrupted, after.Status);
            // Held in round 1's announcement, the worker had at most round 2 training beside it (RoundStreams keeps two rounds in
            // hand): the stop finds at most that one more round, never the rest of the run (CI once found all five, Completed).
            Assert.InRange(after.RoundsCompleted, storedBeforeStop, storedBeforeStop + 1);
            Assert.Equal(Normalise(reference.Take(after.RoundsCompleted)), Normalise(await api.RoundsAsync(interruptedId)));

            var resume = await api.PostAsync($"/api/runs/{interruptedId}/resume");
            Assert.Equal(System.Net.HttpStatusCode.Accepted, resume.StatusCode);
            await api.WaitForAsync(interruptedId, RunStatus.Completed);

            Assert.Equal(Normalise(reference), Normalise(await api.RoundsAsync(interruptedId)));
            Assert.Equal(referenceArrays, await ArraysAsync(await lab.ClientAsync(), interruptedId, reference.Count));
        }
    }

    [Fact]
    public async Task A_host_stopped_after_the_last_round_is_stored_restarts_with_the_run_completed()
    {
        string database = LabFactory.NewSqliteFile();
        var spec = LabFactory.Spec(epochs: 2, rounds: 2, seed: 23);
        Guid id;
        await using (var lab = new LabFactory(database))
        {
            var api = new RunsApi(await lab.ClientAsync());
            // Hold the worker inside the announcement of the last round (stored already), before it finishes the run,
            // until the host begins to stop: the window a kill -9 can hit.
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopping = lab.Service<IHostApplicationLifetime>().ApplicationStopping;
            // Stored first and then handed to the worker, so the hold is in place before the run starts.
            var run = await lab.Service<RunStore>().CreateAsync(spec, "ada", CancellationToken.None);
            id = run.Id;
            using var last = lab.Service<RunEvents>().Listen(id, new RunListener(roundCompleted: async round =>
            {
                if (round.Summary.Round == spec.Pruning.Rounds && held.TrySetResult())
                {
                    await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }));
            lab.Service<RunQueue>().Wake();
            await held.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal((RunStatus.Running, spec.RoundCount), ((await api.RunAsync(id)).Status, (await api.RunAsync(id)).RoundsCompleted));
        } // the host stops here, every round stored but the run not finished

        await using (var lab = new LabFactory(database))
        {
            var api = new RunsApi(await lab.ClientAsync());
            var after = await api.RunAsync(id);

            Assert.Equal((RunStatus.Completed, spec.RoundCount), (after.Status, after.RoundsCompleted));
            Assert.Null(after.Error);
        }
    }

    [Fact]
    public async Task Resuming_a_run_whose_rounds_are_all_stored_completes_it()
    {
        await using var lab = new LabFactory();
        var api = new RunsApi(await lab.ClientAsync());
        var done = (await api.SubmitAsync(LabFactory.Spec(seed: 24))).Run!.Id;
        await api.WaitForAsync(done, RunStatus.Completed);
        // What an older server left: every round stored, the run marked Interrupted.
        Assert.True(await lab.Service<RunStore>().TransitionAsync(done, [RunStatus.Completed], RunStatus.Interrupted, "stopped", CancellationToken.None));

        var resume = await api.PostAsync($"/api/runs/{done}/resume");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(RunStatus.Completed, (await api.RunAsync(done)).Status);
    }

    [Fact]
    public async Task A_run_left_running_by_a_killed_process_is_marked_interrupted_at_the_next_start()
    {
        string database = LabFactory.NewSqliteFile();
        Guid id;
        await using (var lab = new LabFactory(database))
        {
            // What a killed process leaves behind: a Running row that nobody is training.
            var store = lab.Service<RunStore>();
            _ = lab.Server; // starts the host (and migrates)
            var run = await store.CreateAsync(Spec, "lab", CancellationToken.None);
            Assert.True(await store.TransitionAsync(run.Id, [RunStatus.Queued], RunStatus.Running, null, CancellationToken.None));
            id = run.Id;
            // Stop the worker from taking it: it is no longer Queued, so it stays Running in the database.
        }
        await using (var lab = new LabFactory(database))
        {
            var api = new RunsApi(await lab.ClientAsync());

            var run = await api.RunAsync(id);

            Assert.Equal(RunStatus.Interrupted, run.Status);
            Assert.Contains("Resume", run.Error);
        }
    }

    private static List<string> Normalise(IEnumerable<RoundResult> rounds) =>
        [.. rounds.Select(r => JsonSerializer.Serialize(r with { Seconds = 0 }, SpecJson.Options))];

    private static async Task<Dictionary<int, byte[]>> ArraysAsync(HttpClient client, Guid id, int rounds)
    {
        var arrays = new Dictionary<int, byte[]>();
        for (int round = 0; round < rounds; round++)
        {
            arrays[round] = await client.GetByteArrayAsync($"/api/runs/{id}/rounds/{round}/arrays.npz");
        }
        return arrays;
    }

    private sealed class StopsWhenDone(Task done) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => done.WaitAsync(cancellationToken);
    }
}

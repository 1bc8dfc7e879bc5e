using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Tests.Studies;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Cluster;

/// <summary>
/// The lab scaled out on real servers (<see cref="LabCluster"/>): runs spread over the workers, live rounds reach a
/// viewer on the other web instance through the Redis backplane, and a worker killed mid-run hands its run over
/// within the lease, every round stored once and equal to an uninterrupted run's.
/// </summary>
[Collection(nameof(ScaleOutTests))]
public sealed class ScaleOutTests(LabCluster cluster, ITestOutputHelper output) : IClassFixture<LabCluster>
{
    /// <summary>8 x 8 torus, K = 16, 6 rounds: about 1.5 s a round with one thread on a quiet core, so a run outlasts the 8 s lease.</summary>
    private static ExperimentSpec Spec(long seed, int epochs = 150) => new()
    {
        Name = $"cluster {seed}",
        Seed = seed,
        Data = new DataSpec { Size = 8, CorrelationLengths = [0.8, 2], Gain = 3, TrainingSamples = 2000, TestSamples = 500 },
        Model = new ModelSpec { HiddenUnits = 16 },
        Training = new TrainingSpec { BatchSize = 32, Epochs = epochs },
        Pruning = new PruningSpec { Rounds = 5, FractionPerRound = 0.3, Rewind = RewindKind.Step, RewindStep = 5 },
    };

    [Fact]
    public async Task Two_runs_train_at_once_on_different_workers_each_taken_once_though_longer_than_the_lease()
    {
        var api = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
        var first = (await api.SubmitAsync(Spec(101))).Run!;
        var second = (await api.SubmitAsync(Spec(102))).Run!;

        var runs = new[] { await WaitForEndAsync(api, first.Id), await WaitForEndAsync(api, second.Id) };

        Assert.All(runs, run => Assert.Equal(RunStatus.Completed, run.Status));
        Assert.Equal(["worker-a (cpu)", "worker-b (cpu)"], runs.Select(r => r.ComputedOn).Order());
        Assert.True(runs[0].StartedAt < runs[1].FinishedAt && runs[1].StartedAt < runs[0].FinishedAt,
            $"the runs did not overlap: {runs[0].StartedAt:O}-{runs[0].FinishedAt:O} and {runs[1].StartedAt:O}-{runs[1].FinishedAt:O}");
        foreach (var run in runs)
        {
            var took = run.FinishedAt!.Value - run.StartedAt!.Value;
            output.WriteLine($"{run.Name} on {run.ComputedOn}: {took.TotalSeconds:F1} s");
            Assert.True(took > TimeSpan.FromSeconds(LabCluster.LeaseSeconds), $"{run.Name} took {took.TotalSeconds:F1} s, not longer than the lease; the test proves nothing");
            Assert.Equal(1, await cluster.ClaimsAsync(run.Id)); // never taken twice, though it outlasted the lease
            Assert.Equal(Enumerable.Range(0, run.TotalRounds), (await api.RoundsAsync(run.Id)).Select(r => r.Round));
        }
    }

    [Fact]
    public async Task A_viewer_on_the_other_web_instance_receives_every_round_of_a_run_live()
    {
        var a = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
        var run = (await a.SubmitAsync(Spec(201))).Run!;
        // The worker computing it reports to one instance; the viewer watches on the other, which only the backplane reaches.
        var running = await WaitForAsync(a, run.Id, r => r.ComputedOn is not null || r.Status != RunStatus.Queued);
        var viewerWeb = running.ComputedOn == "worker-a (cpu)" ? cluster.WebB : cluster.WebA;
        // Signed in on the other instance, as a proxy may send the sign-in to one and the page to another.
        var viewerClient = await LabCluster.ClientAsync(viewerWeb == cluster.WebA ? cluster.WebB : cluster.WebA);
        await using var viewer = await RunSubscriber.ConnectAsync(LabCluster.Hub(viewerWeb, viewerClient));

        var snapshot = await viewer.SubscribeAsync(run.Id);
        var finished = await viewer.FinishedAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        Assert.Equal(Enumerable.Range(0, finished.TotalRounds), viewer.Rounds.Select(r => r.Summary.Round));
        var live = viewer.LiveRounds.Select(r => r.Summary.Round).ToList();
        output.WriteLine($"computed on {running.ComputedOn}, watched on {viewerWeb}: {snapshot.Rounds.Count} round(s) in the snapshot, live {string.Join(",", live)}, "
            + $"{viewer.Progress.Count} progress reports");
        Assert.Contains(finished.TotalRounds - 1, live);
        Assert.NotEmpty(viewer.Progress);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_hands_the_run_over_every_round_stored_once_and_as_an_uninterrupted_run_computes_it()
    {
        var api = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
        var spec = Spec(301, epochs: 200);
        var run = (await api.SubmitAsync(spec)).Run!;
        var started = await WaitForAsync(api, run.Id, r => r.RoundsCompleted >= 1 || r.Status is not (RunStatus.Queued or RunStatus.Running));
        Assert.Equal(RunStatus.Running, started.Status);
        string victim = started.ComputedOn!.Split(' ')[0];
        var victimLab = victim == "worker-a" ? cluster.WebA : cluster.WebB;

        await cluster.Workers[victim].KillAsync();
        var clock = Stopwatch.StartNew();
        var taken = await WaitForAsync(api, run.Id, r => r.ComputedOn != started.ComputedOn || r.Status is not (RunStatus.Queued or RunStatus.Running));
        var handOver = clock.Elapsed;
        var done = await WaitForEndAsync(api, run.Id);
        output.WriteLine($"killed {victim} with {started.RoundsCompleted} round(s) stored; {taken.ComputedOn} took the run over {handOver.TotalSeconds:F1} s later "
            + $"(lease {LabCluster.LeaseSeconds} s); it completed {clock.Elapsed.TotalSeconds:F1} s after the kill");

        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.NotEqual(started.ComputedOn, done.ComputedOn);
        Assert.Equal(2, await cluster.ClaimsAsync(run.Id));
        var rounds = await api.RoundsAsync(run.Id);
        Assert.Equal(Enumerable.Range(0, spec.RoundCount), rounds.Select(r => r.Round)); // none lost, none twice

        // The same spec computed again in one go, on whichever worker is free: every round's measures and arrays alike.
        await cluster.StartWorkerAsync(victim, victimLab);
        var again = (await api.SubmitAsync(spec, runAgain: true)).Run!;
        Assert.Equal(RunStatus.Completed, (await WaitForEndAsync(api, again.Id)).Status);
        Assert.Equal(1, await cluster.ClaimsAsync(again.Id));
        Assert.Equal(Measures(await api.RoundsAsync(again.Id)), Measures(rounds));
        using var client = await LabCluster.ClientAsync(cluster.WebB);
        for (int round = 0; round < spec.RoundCount; round++)
        {
            Assert.Equal(await client.GetByteArrayAsync($"/api/runs/{again.Id}/rounds/{round}/arrays.npz"),
                await client.GetByteArrayAsync($"/api/runs/{run.Id}/rounds/{round}/arrays.npz"));
        }
    }

    [Fact]
    public async Task A_study_s_conditions_spread_over_both_workers_every_replicate_round_stored_once()
    {
        var client = await LabCluster.ClientAsync(cluster.WebA);
        var studies = new StudiesApi(client);
        var runs = new RunsApi(client);
        var study = new StudySpec
        {
            Name = "cluster study",
            Seed = 21,
            Replicates = 2,
            Conditions = [StudyCondition.Imp, StudyCondition.GaussianClone, StudyCondition.RandomPruning],
            Base = Spec(401, epochs: 60),
        };

        var submitted = (await studies.SubmitAsync(study)).Study!;
        var done = await studies.WaitForAsync(submitted.Id, RunStatus.Completed, RunStatus.Failed, RunStatus.Cancelled);

        Assert.True(done.Study.Status == RunStatus.Completed, $"the study ended {done.Study.Status}: {done.Study.Error}\n{cluster.Logs()}");
        var workers = done.Runs.GroupBy(r => r.Condition).ToDictionary(g => g.Key, g => g.Select(r => r.ComputedOn).Distinct().Single());
        output.WriteLine(string.Join(", ", workers.Select(w => $"{w.Key} on {w.Value}")));
        Assert.NotEqual(workers[StudyCondition.Imp], workers[StudyCondition.GaussianClone]); // the trunks side by side
        Assert.NotNull(done.Summary);
        Assert.Equal(study.Conditions.Length * study.Replicates, done.Runs.Count);
        foreach (var replicate in done.Runs)
        {
            Assert.Equal(RunStatus.Completed, replicate.Status);
            Assert.Equal(Enumerable.Range(0, replicate.TotalRounds), (await runs.RoundsAsync(replicate.RunId)).Select(r => r.Round));
        }
        // A branch's round 0 is its trunk's, stored under both once.
        foreach (int r in Enumerable.Range(0, study.Replicates))
        {
            var imp = (await runs.RoundsAsync(done.Runs.Single(x => x.Condition == StudyCondition.Imp && x.Replicate == r).RunId))[0];
            var branch = (await runs.RoundsAsync(done.Runs.Single(x => x.Condition == StudyCondition.RandomPruning && x.Replicate == r).RunId))[0];
            Assert.Equal(Measures([imp]), Measures([branch]));
        }
    }

    [Fact]
    public async Task The_worker_api_admits_the_lab_s_worker_key_and_nothing_else()
    {
        var claim = WorkerRoutes.Claim(Guid.NewGuid());
        var body = new RunClaimRequest("intruder (cpu)", "1.0.0+intruder");
        using var anonymous = new HttpClient { BaseAddress = cluster.WebA };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(claim, body)).StatusCode);
        using var wrongKey = new HttpClient { BaseAddress = cluster.WebA };
        wrongKey.DefaultRequestHeaders.Add(WorkerRoutes.KeyHeader, LabCluster.WorkerKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.PostAsJsonAsync(claim, body)).StatusCode);
        using var member = await LabCluster.ClientAsync(cluster.WebA);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync(claim, body)).StatusCode);
        using var worker = new HttpClient { BaseAddress = cluster.WebB };
        worker.DefaultRequestHeaders.Add(WorkerRoutes.KeyHeader, LabCluster.WorkerKey);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync(claim, body)).StatusCode); // no such run to take
    }

    [Fact]
    public async Task A_worker_with_a_wrong_key_refuses_to_start_and_says_why_while_the_runs_go_to_the_good_workers()
    {
        var wrong = cluster.LaunchWorker("worker-wrong-key", cluster.WebA, LabCluster.WorkerKey + "-not");
        var api = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
        var run = (await api.SubmitAsync(Spec(501, epochs: 5))).Run!;

        int exit = await wrong.WaitForExitAsync();

        Assert.Equal(3, exit);
        Assert.Contains("The worker did not start: The lab at", wrong.Output, StringComparison.Ordinal);
        Assert.Contains("refused this worker (401 Unauthorized): Compute:WorkerKey must be the lab's worker key", wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkerBannerReadyLine, wrong.Output, StringComparison.Ordinal);
        var done = await WaitForEndAsync(api, run.Id);
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.DoesNotContain("worker-wrong-key", done.ComputedOn, StringComparison.Ordinal);
    }

    /// <summary>
    /// A worker reporting to a web instance that dies mid-run (issue 22): the worker's job fails once the API client's
    /// retries are spent, without ending the run, and the lab's sweeper queues it again; a worker the lab hears takes
    /// the run over after its last stored round, and it completes, every round stored once.
    /// </summary>
    [Fact]
    public async Task A_run_whose_worker_loses_its_web_instance_is_queued_again_and_completed_by_another_worker()
    {
        var (webC, webCProcess) = await cluster.StartWebAsync("web-c");
        foreach (var worker in cluster.Workers.Values)
        {
            await worker.KillAsync(); // so that the worker reporting to web-c takes the run
        }
        try
        {
            var workerC = await cluster.StartWorkerAsync("worker-c", webC);
            cluster.Workers.Remove("worker-c");
            var api = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
            var spec = Spec(701, epochs: 200);
            var run = (await api.SubmitAsync(spec)).Run!;
            var started = await WaitForAsync(api, run.Id, r => r.RoundsCompleted >= 1 || r.Status is not (RunStatus.Queued or RunStatus.Running));
            Assert.Equal(("worker-c (cpu)", RunStatus.Running), (started.ComputedOn, started.Status));

            await webCProcess.KillAsync();
            await workerC.WaitForLineAsync("The job fails; the lab queues it again.");
            await cluster.WaitForJobStateAsync("Failed"); // the job engine has recorded it
            await workerC.KillAsync(); // it would take the job again and lose it the same way
            await Task.WhenAll(cluster.StartWorkerAsync("worker-a", cluster.WebA), cluster.StartWorkerAsync("worker-b", cluster.WebB));
            var done = await WaitForEndAsync(api, run.Id);

            Assert.Equal(RunStatus.Completed, done.Status);
            Assert.NotEqual("worker-c (cpu)", done.ComputedOn);
            Assert.Equal(2, await cluster.ClaimsAsync(run.Id));
            Assert.Equal(Enumerable.Range(0, spec.RoundCount), (await api.RoundsAsync(run.Id)).Select(r => r.Round)); // none lost, none twice
            Assert.Contains("queued again (1 of 3)", cluster.Logs(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (name, lab) in new[] { ("worker-a", cluster.WebA), ("worker-b", cluster.WebB) })
            {
                if (!cluster.Workers.TryGetValue(name, out var worker) || worker.HasExited)
                {
                    await cluster.StartWorkerAsync(name, lab);
                }
            }
        }
    }

    /// <summary>
    /// A web process that stops between storing a run and enqueueing its job (issue 22): the run's dispatch mark
    /// outlives the lease, one of the web instances that remain dispatches it, and a worker computes it, once.
    /// </summary>
    [Fact]
    public async Task A_run_whose_web_process_stopped_before_dispatching_it_is_dispatched_by_the_others_and_completes()
    {
        var api = new RunsApi(await LabCluster.ClientAsync(cluster.WebA));
        var runId = await cluster.StoreWithoutDispatchAsync(Spec(601, epochs: 5));

        var done = await WaitForEndAsync(api, runId);

        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(1, await cluster.ClaimsAsync(runId));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(cluster.Logs(), $"Run {runId} was queued but never dispatched")); // by one instance
    }

    [Fact]
    public async Task A_round_upload_that_cannot_be_read_is_refused_with_400_naming_the_field()
    {
        using var worker = new HttpClient { BaseAddress = cluster.WebA };
        worker.DefaultRequestHeaders.Add(WorkerRoutes.KeyHeader, LabCluster.WorkerKey);
        var run = Guid.NewGuid();

        string summary = JsonSerializer.Serialize(Components.PageLab.Round(0) with { Arrays = null }, SpecJson.Options);
        var garbage = await worker.PutAsJsonAsync(WorkerRoutes.Round(run, 0), new RoundUpload(Guid.NewGuid(), summary, [2, 7, 7, 7, 7], []));
        var noSummary = await worker.PutAsJsonAsync(WorkerRoutes.Round(run, 0), new RoundUpload(Guid.NewGuid(), "{\"round\": ", [], []));
        var noRound = await worker.PostAsJsonAsync(WorkerRoutes.StudyRound(Guid.NewGuid(), StudyCondition.Imp),
            new { conditions = new[] { StudyCondition.Imp }, replicate = 0 }, SpecJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var body = await garbage.Content.ReadAsStringAsync();
        Assert.True(body.Contains("\"Arrays\"", StringComparison.Ordinal), body);
        Assert.Equal(HttpStatusCode.BadRequest, noSummary.StatusCode);
        Assert.Contains("\"SummaryJson\"", await noSummary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noRound.StatusCode);
        Assert.Contains("\"Round\"", await noRound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_link_revoked_on_one_web_instance_closes_the_live_connection_opened_with_it_on_the_other()
    {
        using var owner = await LabCluster.ClientAsync(cluster.WebA);
        var run = (await new RunsApi(owner).SubmitAsync(Spec(301, epochs: 5))).Run!;
        var created = await owner.PostAsJsonAsync($"/api/runs/{run.Id}/shares", new ShareLinkRequest("cluster"));
        var link = (await created.Content.ReadFromJsonAsync<NewShareLink>(SpecJson.Options))!;
        await using var viewer = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.WebB, ExperimentHubRoutes.Path.TrimStart('/')), options => options.Headers[ShareLinkAuthenticationHandler.Header] = link.Token)
            .AddMessagePackProtocol()
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        viewer.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await viewer.StartAsync();
        Assert.Equal(run.Id, (await viewer.InvokeAsync<RunSnapshot>("Subscribe", run.Id)).Run.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/runs/{run.Id}/shares/{link.Link.Id}")).StatusCode);

        // Web B aborts the connection itself (what the client signals), though the link was revoked on web A.
        await closed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HubConnectionState.Disconnected, viewer.State);
    }

    [Fact]
    public async Task A_members_submission_allowance_is_the_labs_not_each_web_instances()
    {
        // The same small spec again and again: after the first, each submission returns the stored run and queues
        // nothing, but every one takes from the allowance, alternately on web A and web B.
        var onA = new RunsApi(await LabCluster.ClientAsync(cluster.WebA, LabCluster.RateLimitedMember));
        var onB = new RunsApi(await LabCluster.ClientAsync(cluster.WebB, LabCluster.RateLimitedMember));
        var spec = Spec(401, epochs: 2);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i <= LabCluster.SubmissionsPerMinute; i++)
        {
            statuses.Add((await (i % 2 == 0 ? onA : onB).SubmitAsync(spec)).Status);
        }

        // Each instance saw about half: with an allowance per instance, none would have been refused.
        Assert.All(statuses.Take(LabCluster.SubmissionsPerMinute), s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"refused early: {s}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    // Everything a round measured, without the time it took.
    private static List<string> Measures(IEnumerable<RoundResult> rounds) =>
        [.. rounds.Select(r => JsonSerializer.Serialize(r with { Seconds = 0 }, SpecJson.Options))];

    private async Task<RunInfo> WaitForEndAsync(RunsApi api, Guid runId) =>
        await WaitForAsync(api, runId, r => r.Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted);

    /// <summary>Polls the run until the condition holds (the workers are other processes); on timeout, says what every process printed.</summary>
    private async Task<RunInfo> WaitForAsync(RunsApi api, Guid runId, Func<RunInfo, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var run = await api.RunAsync(runId);
            if (condition(run))
            {
                return run;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Run {runId} stayed {run.Status} ({run.RoundsCompleted} rounds, on {run.ComputedOn}).\n"
                    + $"== jobs\n{await cluster.JobsAsync()}\n\n{cluster.Logs()}");
            }
            await Task.Delay(100);
        }
    }

    private const string WorkerBannerReadyLine = "LocalityLab worker ready";
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalityLab.Bench.SignalRLoad;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Bench.ScaleOut;

/// <summary>
/// The queue of N Quick-demo runs on two workers with one libtorch thread each and on one worker with two threads
/// (alternately, repeat after repeat, so drift on the machine falls on both), timed from the first submission to the
/// last completion; then, on two workers, the time from a kill -9 of a run's worker until the other takes the run.
/// </summary>
public static class ScaleOutBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public sealed record Layout(string Name, int Workers, int Threads, List<double> QueueSeconds, List<double> RunSeconds);

    public sealed record Report(string Preset, int Runs, int LeaseSeconds, List<Layout> Layouts, List<double> HandOverSeconds, List<int> RoundsWhenKilled);

    public static async Task<Report> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var cookies = new System.Net.CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(60) };
        await LabAccount.SignInAsync(http, options.ServerLog, cancellationToken);

        var one = new Layout("one worker, 2 threads", 1, 2, [], []);
        var two = new Layout("two workers, 1 thread each", 2, 1, [], []);
        int seed = 1000;
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            foreach (var layout in repeat % 2 == 0 ? new[] { one, two } : [two, one])
            {
                var workers = new List<WorkerProcess>();
                for (int w = 0; w < layout.Workers; w++)
                {
                    workers.Add(await WorkerProcess.StartAsync(options, $"bench-{(char)('a' + w)}", layout.Threads));
                }
                var clock = Stopwatch.StartNew();
                var ids = new List<Guid>();
                for (int i = 0; i < options.Runs; i++)
                {
                    ids.Add((await SubmitAsync(http, ExperimentPresets.Quick with { Seed = seed++ }, cancellationToken)).Id);
                }
                var runs = new List<RunInfo>();
                foreach (var id in ids)
                {
                    runs.Add(await WaitAsync(http, id, r => r.Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, cancellationToken));
                }
                double queue = clock.Elapsed.TotalSeconds;
                foreach (var worker in workers)
                {
                    await worker.DisposeAsync();
                }
                if (runs.FirstOrDefault(r => r.Status != RunStatus.Completed) is { } failed)
                {
                    throw new InvalidOperationException($"Run {failed.Id} ended {failed.Status}: {failed.Error}");
                }
                layout.QueueSeconds.Add(queue);
                layout.RunSeconds.AddRange(runs.Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds));
                log.WriteLine($"{layout.Name}: {options.Runs} runs in {queue:F1} s");
            }
        }

        var handOvers = new List<double>();
        var roundsWhenKilled = new List<int>();
        var pair = new Dictionary<string, WorkerProcess>
        {
            ["bench-a"] = await WorkerProcess.StartAsync(options, "bench-a", 1),
            ["bench-b"] = await WorkerProcess.StartAsync(options, "bench-b", 1),
        };
        try
        {
            for (int h = 0; h < options.HandOvers; h++)
            {
                var run = await SubmitAsync(http, ExperimentPresets.Quick with { Seed = seed++ }, cancellationToken);
                var started = await WaitAsync(http, run.Id, r => r.RoundsCompleted >= 1 || r.Status is not (RunStatus.Queued or RunStatus.Running), cancellationToken);
                string victim = started.ComputedOn!.Split(' ')[0];
                await pair[victim].KillAsync();
                var clock = Stopwatch.StartNew();
                await WaitAsync(http, run.Id, r => r.ComputedOn != started.ComputedOn || r.Status is not (RunStatus.Queued or RunStatus.Running), cancellationToken);
                handOvers.Add(clock.Elapsed.TotalSeconds);
                roundsWhenKilled.Add(started.RoundsCompleted);
                log.WriteLine($"hand-over {h + 1}: {victim} killed with {started.RoundsCompleted} round(s) stored; taken over {clock.Elapsed.TotalSeconds:F1} s later");
                var done = await WaitAsync(http, run.Id, r => r.Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, cancellationToken);
                if (done.Status != RunStatus.Completed)
                {
                    throw new InvalidOperationException($"The handed-over run ended {done.Status}: {done.Error}");
                }
                await pair[victim].DisposeAsync();
                pair[victim] = await WorkerProcess.StartAsync(options, victim, 1);
            }
        }
        finally
        {
            foreach (var worker in pair.Values)
            {
                await worker.DisposeAsync();
            }
        }
        return new Report(ExperimentPresets.QuickDemo, options.Runs, options.LeaseSeconds, [one, two], handOvers, roundsWhenKilled);
    }

    private static async Task<RunInfo> SubmitAsync(HttpClient http, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("/api/runs?runAgain=true",
            new StringContent(JsonSerializer.Serialize(spec, SpecJson.Options), Encoding.UTF8, "application/json"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize<RunInfo>(body, Json)!
            : throw new InvalidOperationException($"Submitting a run answered {(int)response.StatusCode}: {body}");
    }

    private static async Task<RunInfo> WaitAsync(HttpClient http, Guid id, Func<RunInfo, bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var run = (await http.GetFromJsonAsync<RunInfo>($"/api/runs/{id}", Json, cancellationToken))!;
            if (condition(run))
            {
                return run;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException($"Run {id} stayed {run.Status} ({run.RoundsCompleted} rounds, on {run.ComputedOn}).");
            }
            await Task.Delay(100, cancellationToken);
        }
    }
}

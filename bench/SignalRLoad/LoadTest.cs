using System.Diagnostics;
using System.Net.Http.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// The scenario: connect N subscribers, submit <see cref="LoadExperiment.Spec"/>, subscribe all of them, and while
/// the run trains poll its status, fetch the start page and sample CPU; then count and time every delivery.
/// </summary>
public static class LoadTest
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan PagePause = TimeSpan.FromMilliseconds(100);
    private const int IdleRequests = 100;

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var cookies = new System.Net.CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(http, cancellationToken);
        await LabAccount.SignInAsync(http, options.ServerLog, cancellationToken);
        var probe = new PageLatencyProbe(http, "/");
        await probe.RunAsync(10, TimeSpan.Zero, cancellationToken); // first renders compile and cache; not counted

        var cpu = new CpuSampler(options.ServerPid);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = cpu.RunAsync(sampling.Token);

        double idleStart = MonotonicClock.NowMilliseconds;
        var idle = await probe.RunAsync(IdleRequests, TimeSpan.FromMilliseconds(20), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var idleCpu = cpu.Between(idleStart, MonotonicClock.NowMilliseconds);
        log.WriteLine($"idle: GET / p50 {Percentiles.Of(idle.Milliseconds).P50:F1} ms; server {idleCpu.ServerCores:F2} cores");

        var clock = Stopwatch.StartNew();
        var subscribers = await Task.WhenAll(Enumerable.Range(0, options.Connections)
            .Select(_ => Subscriber.ConnectAsync(options.Url, cookies, cancellationToken)));
        double connectMilliseconds = clock.Elapsed.TotalMilliseconds;
        log.WriteLine($"{subscribers.Length} hub connections (WebSockets, MessagePack) in {connectMilliseconds:F0} ms");
        try
        {
            using var submitted = await http.PostAsJsonAsync("/api/runs?runAgain=true", LoadExperiment.Spec, SpecJson.Options, cancellationToken);
            submitted.EnsureSuccessStatusCode();
            var run = await submitted.Content.ReadFromJsonAsync<RunInfo>(SpecJson.Options, cancellationToken)
                ?? throw new InvalidOperationException("POST /api/runs returned no run.");
            double submittedAt = MonotonicClock.NowMilliseconds;

            clock.Restart();
            await Task.WhenAll(subscribers.Select(s => s.SubscribeAsync(run.Id, cancellationToken)));
            double subscribeMilliseconds = clock.Elapsed.TotalMilliseconds;
            log.WriteLine($"run {run.Id}: {run.TotalRounds} rounds; all subscribed in {subscribeMilliseconds:F0} ms");

            var poller = new RunPoller(http, run.Id, PollInterval);
            var polling = poller.PollUntilEndAsync(cancellationToken);
            var pages = probe.RunAsync(options.PageRequests, PagePause, cancellationToken);
            var final = await polling;
            var training = await pages;
            if (training.FinishedAt > poller.EndedAt)
            {
                log.WriteLine("warning: the page requests outlasted the run; some were not made while it trained");
            }

            // Messages already sent may still be in flight when the poll sees the end.
            var settle = Stopwatch.StartNew();
            while (subscribers.Any(s => s.RoundsHeld < final.RoundsCompleted) && settle.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, cancellationToken);
            }
            double trainingStart = poller.RunningSince ?? submittedAt;
            var trainingCpu = cpu.Between(trainingStart, poller.EndedAt ?? MonotonicClock.NowMilliseconds);
            await sampling.CancelAsync();
            await sampler;

            var report = Summarize(options, subscribers, poller, final, connectMilliseconds, subscribeMilliseconds, trainingStart,
                idleCpu, trainingCpu,
                new PageLatency("/", idle.Milliseconds.Count, 20, idle.Failures, Percentiles.Of(idle.Milliseconds)),
                new PageLatency("/", training.Milliseconds.Count, PagePause.TotalMilliseconds, training.Failures, Percentiles.Of(training.Milliseconds)),
                training.FinishedAt <= poller.EndedAt);
            log.WriteLine($"run {final.Status} after {report.RunSeconds:F1} s; {report.Delivery.SubscribersWithEveryRound}/{subscribers.Length} "
                + $"subscribers hold all {final.TotalRounds} rounds; fan-out spread p50 {report.FanOutSpread.P50:F1} ms, "
                + $"p95 {report.FanOutSpread.P95:F1} ms; RoundCompleted {report.Wire.MessagePack:N0} bytes (MessagePack)");
            log.WriteLine($"GET / while training: p50 {report.TrainingPage.Milliseconds.P50:F1} ms, p95 {report.TrainingPage.Milliseconds.P95:F1} ms; "
                + $"server {trainingCpu.ServerCores:F2} cores");
            return report;
        }
        finally
        {
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static LoadReport Summarize(
        LoadOptions options,
        Subscriber[] subscribers,
        RunPoller poller,
        RunInfo final,
        double connectMilliseconds,
        double subscribeMilliseconds,
        double trainingStart,
        CpuSampler.Window idleCpu,
        CpuSampler.Window trainingCpu,
        PageLatency idlePage,
        PageLatency trainingPage,
        bool pagesAllWhileTraining)
    {
        int expected = final.TotalRounds;
        var spreads = new List<double>();
        var afterCompletion = new List<double>();
        var firstAfterCompletion = new List<double>();
        var rounds = new List<RoundDelivery>();
        for (int round = 0; round < expected; round++)
        {
            var receipts = subscribers.Where(s => s.Receipts.ContainsKey(round)).Select(s => s.Receipts[round]).Order().ToList();
            if (receipts.Count == 0)
            {
                continue;
            }
            spreads.AddRange(receipts.Skip(1).Select(r => r - receipts[0]));
            double completion = poller.Completions.TryGetValue(round, out var seen) ? seen : double.NaN;
            afterCompletion.AddRange(receipts.Select(r => r - completion));
            firstAfterCompletion.Add(receipts[0] - completion);
            rounds.Add(new RoundDelivery(round, (completion - trainingStart) / 1000, receipts.Count, receipts[0] - completion, receipts[^1] - receipts[0]));
        }

        var frame = subscribers.Select(s => s.LastFrame).FirstOrDefault(f => f is not null)
            ?? throw new InvalidOperationException("No subscriber received a RoundCompleted frame.");
        var held = subscribers.Select(s => s.RoundsHeld).ToList();
        var progress = subscribers.Select(s => (double)s.ProgressMessages).Order().ToArray();
        var delivery = new DeliveryCounts(
            held.Count(h => h == expected),
            subscribers.Sum(s => s.Receipts.Count),
            subscribers.Sum(s => s.SnapshotRounds.Count),
            expected * subscribers.Length,
            subscribers.Sum(s => s.Duplicates),
            held.Min(),
            held.Max(),
            progress[progress.Length / 2]);
        return new LoadReport(
            subscribers.Length,
            connectMilliseconds,
            subscribeMilliseconds,
            LoadExperiment.Spec.Data.Size * LoadExperiment.Spec.Data.Size,
            LoadExperiment.Spec.Model.HiddenUnits,
            expected,
            LoadExperiment.Spec.Training.Steps,
            final.Status.ToString(),
            ((poller.EndedAt ?? double.NaN) - trainingStart) / 1000,
            delivery,
            Percentiles.Of(spreads),
            Percentiles.Of(afterCompletion.Where(double.IsFinite)),
            Percentiles.Of(firstAfterCompletion.Where(double.IsFinite)),
            PollInterval.TotalMilliseconds,
            Percentiles.Of(poller.RequestMilliseconds),
            rounds,
            new WireBytes(frame.FirstLayer.Units, frame.FirstLayer.Shape.Inputs, WireSize.MessagePack(frame), WireSize.Json(frame)),
            idleCpu,
            trainingCpu,
            idlePage,
            trainingPage,
            pagesAllWhileTraining);
    }

    private static async Task WaitUntilServingAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/api/runs", cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized) // up, and asking for a sign-in
                {
                    return;
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(90))
            {
            }
            if (waited.Elapsed >= TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The server at {http.BaseAddress} did not answer within 90 s.");
            }
            await Task.Delay(250, cancellationToken);
        }
    }
}

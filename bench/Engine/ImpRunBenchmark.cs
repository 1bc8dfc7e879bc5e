using System.Diagnostics;
using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// The whole "Quick demo" preset through <see cref="ExperimentRunner"/>, wall time from the call to the last round:
/// data generation, 11 rounds of training, evaluation, pruning, every per-round measure (IPR, spread, kurtosis
/// overall and per class, the cavity map and its statistics) and each round's checkpoint.
/// </summary>
internal sealed class ImpRunBenchmark(ExperimentRunner runner) : IBenchmarkSuite
{
    /// <summary>The target for the whole run on 2 cores, every per-round measure included (issue 21).</summary>
    public const double TargetSeconds = 10;

    /// <summary>
    /// Memory counts as flat from the first round to the last when the RSS grows by at most this much (this loop keeps
    /// every round's result, a few hundred KiB each, and the allocators keep some freed pages)...
    /// </summary>
    public const double FlatRssGrowthMiB = 32;

    /// <summary>... and the live tensors by at most this many: a leak of one tensor per round would show as 10.</summary>
    public const long FlatLiveTensorGrowth = 5;

    public string Name => "imp-run";

    public static string CaseName => $"\"{ExperimentPresets.QuickDemo}\" preset, {ExperimentPresets.Quick.RoundCount} rounds";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var quick = ExperimentPresets.Quick with { Seed = settings.Seed };
        // Warm-up: the same code paths on one short round pair, so the timed runs pay no JIT or first-touch costs.
        var warmup = quick with
        {
            Training = quick.Training with { Epochs = 1 },
            Pruning = quick.Pruning with { Rounds = 1 },
        };
        _ = await RunOnceAsync(warmup, memory: null, cancellationToken);

        var seconds = new List<double>();
        List<RoundResult> rounds = [];
        var memory = new List<(double RssMiB, long LiveTensors)>();
        long liveBefore = 0;
        TimeSpan sampling = TimeSpan.Zero;
        for (int i = 0; i < settings.ImpRepeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            liveBefore = Tensor.TotalCount;
            long start = Stopwatch.GetTimestamp();
            (rounds, _) = await RunOnceAsync(quick, memory: null, cancellationToken);
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            log.WriteLine($"{Name} run {i + 1}: {seconds[^1]:F2} s; live tensors before it: {liveBefore}");
        }
        // Memory is sampled in a run of its own, not timed: the next round trains while the loop takes its samples.
        (_, sampling) = await RunOnceAsync(quick, memory, cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long liveAfter = Tensor.TotalCount;

        var first = rounds[0];
        var last = rounds[^1];
        var details = new Dictionary<string, double>
        {
            ["rounds"] = rounds.Count,
            ["stepsPerRound"] = first.Steps,
            ["roundSecondsTotal"] = rounds.Sum(r => r.Seconds),
            ["testAccuracyRound0"] = first.TestAccuracy,
            ["testAccuracyFinal"] = last.TestAccuracy,
            ["sparsityFinal"] = last.Sparsity,
            ["medianIprRound0"] = first.Ipr.Median ?? double.NaN,
            ["medianIprFinal"] = last.Ipr.Median ?? double.NaN,
            ["medianExcessKurtosisRound0"] = first.ExcessKurtosis.Median ?? double.NaN,
            ["medianExcessKurtosisFinal"] = last.ExcessKurtosis.Median ?? double.NaN,
            ["liveTensorsBeforeRun"] = liveBefore,
            ["liveTensorsAfterRun"] = liveAfter,
            ["rssGrowthMiB"] = memory[^1].RssMiB - memory[0].RssMiB,
            ["liveTensorGrowth"] = memory[^1].LiveTensors - memory[0].LiveTensors,
            ["flatRssGrowthMiB"] = FlatRssGrowthMiB,
            ["flatLiveTensorGrowth"] = FlatLiveTensorGrowth,
            ["memorySamplingSeconds"] = sampling.TotalSeconds,
        };
        for (int r = 0; r < memory.Count; r++)
        {
            details[$"round{r}.rssMiB"] = memory[r].RssMiB;
            details[$"round{r}.liveTensors"] = memory[r].LiveTensors;
        }
        bool flat = details["rssGrowthMiB"] <= FlatRssGrowthMiB && details["liveTensorGrowth"] <= FlatLiveTensorGrowth;
        var result = new BenchmarkResult(Name, CaseName, "s", HigherIsBetter: false, Warmups: 1, seconds, details,
            "warm-up: the same preset with 1 epoch and 1 pruning round; every per-round measure (IPR, spread, kurtosis overall "
            + "and per class, the permutation null with M = 32, both cavity maps) and a checkpoint; memory after each round of "
            + "an extra, untimed run: process RSS (Environment.WorkingSet) and live native tensors (TorchSharp's Tensor.TotalCount), "
            + "each after a full collection");
        log.WriteLine($"{Name} {result.Case}: {result.Median:F2} s (median of {result.Runs}), target < {TargetSeconds:0} s: "
            + (result.Median < TargetSeconds ? "met" : "NOT met"));
        log.WriteLine($"{Name} memory, round 0 to {memory.Count - 1}: RSS {memory[0].RssMiB:F0} to {memory[^1].RssMiB:F0} MiB, "
            + $"live tensors {memory[0].LiveTensors} to {memory[^1].LiveTensors} ({liveBefore} before the run, {liveAfter} after it): "
            + (flat ? "flat" : "NOT flat"));
        // The peer times the same preset twice, with its few measures and with every measure we take: ours always takes them all.
        return [result, result with { Case = EveryMeasureCase }];
    }

    public static string EveryMeasureCase => $"{CaseName}, every measure";

    /// <param name="memory">
    /// When given, gets the process RSS and the live tensor count after each round, each after a full collection with
    /// finalisers run (so tensors that are garbage but not yet finalised are not counted). The runner waits meanwhile
    /// (the next round starts when the loop asks for it); the time this takes is returned, to be taken out of the run's.
    /// </param>
    private async Task<(List<RoundResult> Rounds, TimeSpan Sampling)> RunOnceAsync(
        ExperimentSpec spec, List<(double RssMiB, long LiveTensors)>? memory, CancellationToken cancellationToken)
    {
        var rounds = new List<RoundResult>();
        var sampling = TimeSpan.Zero;
        await foreach (var round in runner.RunAsync(spec, progress: null, cancellationToken))
        {
            rounds.Add(round);
            if (memory is not null)
            {
                long start = Stopwatch.GetTimestamp();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                memory.Add((Environment.WorkingSet / (1024.0 * 1024.0), Tensor.TotalCount));
                sampling += Stopwatch.GetElapsedTime(start);
            }
        }
        return (rounds, sampling);
    }
}

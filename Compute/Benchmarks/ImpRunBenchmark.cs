using System.Diagnostics;
using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Benchmarks;

/// <summary>
/// The whole "Quick demo" preset through <see cref="ExperimentRunner"/>, wall time from the call to the last round:
/// data generation, 11 rounds of training, evaluation, pruning, every per-round measure (IPR, spread, kurtosis
/// overall and per class, the cavity map and its statistics) and each round's checkpoint.
/// </summary>
public sealed class ImpRunBenchmark(ExperimentRunner runner) : IBenchmarkSuite
{
    public string Name => "imp-run";

    public static string CaseName => $"\"{ExperimentPresets.QuickDemo}\" preset, {ExperimentPresets.Quick.Pruning.Rounds + 1} rounds";

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
        await RunOnceAsync(warmup, cancellationToken);

        var seconds = new List<double>();
        List<RoundResult> rounds = [];
        for (int i = 0; i < settings.ImpRepeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            rounds = await RunOnceAsync(quick, cancellationToken);
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            log.WriteLine($"{Name} run {i + 1}: {seconds[^1]:F2} s");
        }

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
        };
        var result = new BenchmarkResult(Name, CaseName, "s", HigherIsBetter: false, Warmups: 1, seconds, details,
            "warm-up: the same preset with 1 epoch and 1 pruning round; per-round measures include the cavity map, spread, "
            + "per-class kurtosis and a checkpoint, which the peer does not compute");
        log.WriteLine($"{Name} {result.Case}: {result.Median:F2} s (median of {result.Runs})");
        return [result];
    }

    private async Task<List<RoundResult>> RunOnceAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        var rounds = new List<RoundResult>();
        await foreach (var round in runner.RunAsync(spec, progress: null, cancellationToken))
        {
            rounds.Add(round);
        }
        return rounds;
    }
}

using System.Diagnostics;
using LocalityLab.Compute.Measures;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// Where one round of the "Quick demo" preset spends its time, phase by phase, over all its rounds: training, evaluation,
/// the per-unit measures (IPR, spread, kurtosis, histograms), the mixture and within-class cavity maps, the permutation
/// null, the rest of completing a round (pruning, checkpoint, arrays) and storage (the round's npz, JSON line and CSV row,
/// as `run` writes them). Each phase is the engine's own call on the round's trained network, timed alone; "complete
/// round, total" is the engine's <c>CompleteRound</c> as a run calls it, so the phases' sum can be checked against it.
/// </summary>
public sealed class RoundProfileBenchmark : IBenchmarkSuite
{
    public string Name => "round-profile";

    public static string CaseOf(string phase) => $"\"{ExperimentPresets.QuickDemo}\" round, {phase}";

    public static IReadOnlyList<string> Phases { get; } =
    [
        "training", "evaluation", "unit measures", "cavity map (mixture)", "cavity map (within class)", "permutation null",
        "complete round, total", "storage",
    ];

    public Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var quick = ExperimentPresets.Quick with { Seed = settings.Seed };
        // Warm-up: one short round pair through every phase.
        _ = Profile(quick with { Training = quick.Training with { Epochs = 1 }, Pruning = quick.Pruning with { Rounds = 1 } }, cancellationToken);

        var perRun = new List<Dictionary<string, double>>();
        for (int i = 0; i < settings.ImpRepeats; i++)
        {
            perRun.Add(Profile(quick, cancellationToken));
            log.WriteLine($"{Name} run {i + 1}: " + string.Join(", ", Phases.Select(p => $"{p} {perRun[^1][p]:F3} s")));
        }
        IReadOnlyList<BenchmarkResult> results =
        [
            .. Phases.Select(phase => new BenchmarkResult(Name, CaseOf(phase), "s", HigherIsBetter: false, Warmups: 1,
                [.. perRun.Select(run => run[phase])],
                Note: $"seconds per round, mean over the preset's {quick.RoundCount} rounds")),
        ];
        return Task.FromResult(results);
    }

    /// <summary>Mean seconds per round of each phase over one whole run of the spec.</summary>
    private static Dictionary<string, double> Profile(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        var totals = Phases.ToDictionary(p => p, _ => 0.0);
        var device = CPU;
        string folder = Directory.CreateTempSubdirectory("locality-profile-").FullName;
        try
        {
            using var session = ExperimentSession.Start(spec, device, TimeProvider.System, null, cancellationToken);
            using var trainer = new RoundTrainer([session.Data], TimeProvider.System);
            int rounds = 0;
            while (session.HasNextRound)
            {
                long start = Stopwatch.GetTimestamp();
                session.BeginRound();
                var outcome = trainer.Train([session.AsReplicate()], spec.Training, device, session.Round, session.LastRound, null, cancellationToken)[0];
                var training = Stopwatch.GetElapsedTime(start);
                totals["training"] += training.TotalSeconds;

                Time(totals, "evaluation", () => RoundTrainer.Evaluate(session.Network.Network, session.Data.Test, spec.Training.Loss, device));
                TimeMeasures(session, totals);

                start = Stopwatch.GetTimestamp();
                var result = session.CompleteRound(outcome, training, cancellationToken);
                totals["complete round, total"] += Stopwatch.GetElapsedTime(start).TotalSeconds;

                start = Stopwatch.GetTimestamp();
                using (var file = File.Create(Path.Combine(folder, $"round-{result.Round:D2}.npz")))
                {
                    RoundNpz.Write(file, result);
                }
                File.AppendAllText(Path.Combine(folder, "rounds.jsonl"), System.Text.Json.JsonSerializer.Serialize(result, SpecJson.Options) + "\n");
                File.AppendAllText(Path.Combine(folder, "rounds.csv"), RoundsCsv.Row(result) + "\n");
                totals["storage"] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                rounds++;
            }
            return totals.ToDictionary(t => t.Key, t => t.Value / rounds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The measures <c>RoundMeasurement.Measure</c> takes, each alone on the round's trained first layer.</summary>
    private static void TimeMeasures(ExperimentSession session, Dictionary<string, double> totals)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var model = session.Network.Network;
        var weights = model.FirstLayer.weight!.detach().cpu().to(ScalarType.Float32);
        var masks = session.Network.Masks();
        var mask = masks.TryGetValue(0, out var m) ? tensor(m, weights.shape) : ones_like(weights);
        var x = model.PrepareInputs(session.Data.Test.Inputs).cpu();
        var labels = session.Data.Test.Labels.cpu();
        var shape = session.Data.Shape;
        Time(totals, "unit measures", () =>
        {
            using var inner = NewDisposeScope();
            _ = ReceptiveFieldMeasures.InverseParticipationRatio(weights);
            _ = ReceptiveFieldMeasures.Spread(weights, shape);
            var h = x.to(ScalarType.Float64).matmul(weights.to(ScalarType.Float64).t());
            _ = PreActivationStatistics.ExcessKurtosis(h);
            _ = RoundMeasurement.Histograms(h);
        });
        Time(totals, "cavity map (mixture)", () => CavityMethod.Compute(x, weights, mask));
        Time(totals, "cavity map (within class)", () => CavityMethod.ComputeWithinClass(x, labels, weights, mask));
        Time(totals, "permutation null", () =>
        {
            using var generator = new Generator(1);
            return PermutationNull.Compute(x, labels, weights, mask, shape, session.Spec.Measures.NullPermutations, generator);
        });
    }

    private static void Time<T>(Dictionary<string, double> totals, string phase, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        _ = work();
        totals[phase] += Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static void Time(Dictionary<string, double> totals, string phase, Action work)
    {
        long start = Stopwatch.GetTimestamp();
        work();
        totals[phase] += Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}

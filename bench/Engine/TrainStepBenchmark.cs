using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// Masked SGD steps of a 2-layer ReLU network through <see cref="RoundTrainer"/>, the code every round runs: a batch
/// gathered from a shuffled fixed training set, forward, BCE on the logit, the loss read back (the divergence check),
/// backward, gradient mask, SGD step, weight mask. Half the first layer is pruned (a random mask).
/// </summary>
public sealed class TrainStepBenchmark : IBenchmarkSuite
{
    /// <summary>The sizes compared, and steps per repetition (a quarter to half a second each on two quiet cores).</summary>
    public static IReadOnlyList<(int Inputs, int Hidden, int Batch, int Steps)> Cases { get; } =
    [
        (400, 40, 64, 1000),
        (784, 100, 128, 400),
        (1600, 400, 256, 80),
    ];

    /// <summary>Samples in the fixed training set the batches are drawn from.</summary>
    public const int TrainingSamples = 4096;

    public const double KeptFraction = 0.5;

    public string Name => "train-step";

    public static string CaseName(int inputs, int hidden, int batch) => $"D={inputs}, K={hidden}, batch {batch}";

    public Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var results = new List<BenchmarkResult>();
        foreach (var (inputs, hidden, batch, steps) in Cases)
        {
            var seconds = Time(inputs, hidden, batch, steps, settings, cancellationToken);
            var result = new BenchmarkResult(Name, CaseName(inputs, hidden, batch), "steps/s", HigherIsBetter: true, Warmups: 1,
                [.. seconds.Select(s => steps / s)], new Dictionary<string, double> { ["stepsPerRepetition"] = steps });
            log.WriteLine($"{Name} {result.Case}: {result.Median:N0} steps/s (median of {result.Runs})");
            results.Add(result);
        }
        return Task.FromResult<IReadOnlyList<BenchmarkResult>>(results);
    }

    private static double[] Time(int inputs, int hidden, int batch, int steps, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var model = new ModelSpec { HiddenUnits = hidden, Activation = Activation.Relu };
        using var trainingGenerator = new Generator((ulong)settings.Seed);
        using var dataGenerator = new Generator((ulong)settings.Seed + 1);
        using var network = new PrunableNetwork(inputs, model, [0]);
        using var data = new ExperimentData(
            new InputShape(1, inputs),
            new LabeledBatch(randn([batch, inputs], generator: dataGenerator), randint(0, 2, [batch], ScalarType.Int64, generator: dataGenerator)),
            new LabeledBatch(randn([TrainingSamples, inputs], generator: dataGenerator),
                randint(0, 2, [TrainingSamples], ScalarType.Int64, generator: dataGenerator)),
            online: null);
        using var trainer = new RoundTrainer([data], TimeProvider.System);
        var training = new TrainingSpec
        {
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.05,
            BatchSize = batch,
            Steps = steps,
            Loss = LossKind.Bce,
        };

        // Every repetition starts from the same weights, mask and batch order, so each one does the same work.
        void Reset()
        {
            trainingGenerator.manual_seed(settings.Seed);
            network.Network.Initialize(model, trainingGenerator);
            using var keep = rand([hidden, inputs], generator: trainingGenerator).lt(KeptFraction).to(ScalarType.Float32);
            network.SetMasks(new Dictionary<int, float[]> { [0] = keep.data<float>().ToArray() });
        }

        return RepeatedTiming.Seconds(warmups: 1, settings.Repeats, Reset, () => trainer.Train(
            [new ReplicateRound(network, trainingGenerator, dataGenerator, RewindCaptureStep: null, CaptureRewindPoint: () => { })], training, CPU,
            round: 0, totalRounds: 0, progress: null, cancellationToken), cancellationToken);
    }
}

using LocalityLab.Compute.Data;
using LocalityLab.Compute.Measures;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Benchmarks;

/// <summary>
/// The cavity map of a K x D first layer on N test inputs, as every round computes it (<see cref="CavityMethod.Compute"/>):
/// NLGP inputs on a 40 x 40 torus, Gaussian weights, a random mask keeping half of them.
/// </summary>
public sealed class CavityMapBenchmark : IBenchmarkSuite
{
    public const int Units = 400, Side = 40, Samples = 2000;

    public const double KeptFraction = 0.5;

    public string Name => "cavity-map";

    public static string CaseName => $"K={Units}, D={Side * Side}, N={Samples}";

    public Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        int inputs = Side * Side;
        using var generator = new Generator((ulong)settings.Seed);
        using var source = ExperimentDataBuilder.CreateSource(NlgpSamplingBenchmark.Spec(Side));
        using var batch = source.Sample(Samples, generator, cancellationToken);
        using var weights = randn([Units, inputs], generator: generator).div_(Math.Sqrt(inputs));
        using var mask = rand([Units, inputs], generator: generator).lt(KeptFraction).to(ScalarType.Float32);
        long surviving;
        using (var count = mask.sum())
        {
            surviving = (long)count.item<float>();
        }

        CavityMap? map = null;
        var seconds = RepeatedTiming.Seconds(warmups: 1, settings.Repeats, prepare: null,
            () => map = CavityMethod.Compute(batch.Inputs, weights, mask, cancellationToken), cancellationToken);
        var result = new BenchmarkResult(Name, CaseName, "s", HigherIsBetter: false, Warmups: 1, seconds,
            new Dictionary<string, double>
            {
                ["survivingWeights"] = surviving,
                ["medianDelta"] = BenchmarkResult.MedianOf([.. map!.Delta.Where(double.IsFinite)]),
            },
            "float64 moment expansion (three K x N by N x D products per column block), float32 inputs and weights in");
        log.WriteLine($"{Name} {result.Case}: {result.Median:F3} s (median of {result.Runs})");
        return Task.FromResult<IReadOnlyList<BenchmarkResult>>([result]);
    }
}

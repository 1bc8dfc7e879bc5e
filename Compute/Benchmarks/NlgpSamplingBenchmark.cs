using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Benchmarks;

/// <summary>
/// NLGP inputs on the 2D torus (xi = 1 and 2, g = 10), drawn the way every experiment draws them:
/// <see cref="ExperimentDataBuilder.CreateSource"/> then <see cref="IDataSource.Sample"/>. The source (the two
/// spectra) is built once, outside the timing; each repetition draws a balanced batch of <see cref="Samples"/>.
/// </summary>
public sealed class NlgpSamplingBenchmark : IBenchmarkSuite
{
    public const int Samples = 20_000;

    public static IReadOnlyList<int> Sides { get; } = [20, 64];

    public string Name => "nlgp-sampling";

    public static string CaseName(int side) => $"2D torus L={side} (D={side * side}), {Samples:N0} samples";

    public static DataSpec Spec(int side) => new()
    {
        Source = DataSource.Nlgp,
        Geometry = Geometry.Torus2D,
        Size = side,
        CorrelationLengths = [1, 2],
        Gain = 10,
        KernelExponent = 2,
    };

    public Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var results = new List<BenchmarkResult>();
        foreach (int side in Sides)
        {
            using var source = ExperimentDataBuilder.CreateSource(Spec(side));
            using var generator = new Generator((ulong)settings.Seed);
            var seconds = RepeatedTiming.Seconds(warmups: 1, settings.Repeats, prepare: null, () =>
            {
                using var batch = source.Sample(Samples, generator, cancellationToken);
            }, cancellationToken);
            var result = new BenchmarkResult(Name, CaseName(side), "samples/s", HigherIsBetter: true, Warmups: 1,
                [.. seconds.Select(s => Samples / s)],
                Note: "float32 white noise widened to float64, real FFTs (rfft2/irfft2), chunks of about 2^20 values");
            log.WriteLine($"{Name} {result.Case}: {result.Median:N0} samples/s (median of {result.Runs})");
            results.Add(result);
        }
        return Task.FromResult<IReadOnlyList<BenchmarkResult>>(results);
    }
}

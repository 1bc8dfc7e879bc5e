using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// Context for the other suites: one n x n matrix product in libtorch's BLAS, float32 (what training steps are made of)
/// and float64 (what the cavity map is made of), in GFLOP/s counted as 2 n^3 per product.
/// </summary>
public sealed class MatrixProductBenchmark : IBenchmarkSuite
{
    public const int Size = 2048;

    /// <summary>Products per timed repetition.</summary>
    public const int Products = 5;

    public string Name => "matmul";

    public static string CaseName(ScalarType type) => $"{Size} x {Size} {(type == ScalarType.Float32 ? "float32" : "float64")}";

    public Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var results = new List<BenchmarkResult>();
        foreach (var type in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            using var generator = new Generator((ulong)settings.Seed);
            using var a = randn([Size, Size], type, generator: generator);
            using var b = randn([Size, Size], type, generator: generator);
            var seconds = RepeatedTiming.Seconds(warmups: 1, settings.Repeats, prepare: null, () =>
            {
                for (int i = 0; i < Products; i++)
                {
                    using var product = a.matmul(b);
                }
            }, cancellationToken);
            double flops = 2.0 * Size * Size * Size * Products;
            var result = new BenchmarkResult(Name, CaseName(type), "GFLOP/s", HigherIsBetter: true, Warmups: 1,
                [.. seconds.Select(s => flops / s / 1e9)]);
            log.WriteLine($"{Name} {result.Case}: {result.Median:N0} GFLOP/s (median of {result.Runs})");
            results.Add(result);
        }
        return Task.FromResult<IReadOnlyList<BenchmarkResult>>(results);
    }
}

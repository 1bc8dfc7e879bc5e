using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// NLGP inputs on the 2D torus (xi = 1 and 2, g = 10), drawn the way every experiment draws them:
/// <see cref="ExperimentDataBuilder.CreateSource"/> then <see cref="IDataSource.Sample"/>. The source (the two
/// spectra) is built once, outside the timing; each repetition draws a balanced batch of <see cref="Samples"/>.
/// The same NLGP is also sampled the dense way (<see cref="CholeskyNlgpSampler"/>): the two D x D Cholesky
/// factorisations are timed on their own, then the rate of z = L w with the same nonlinearity.
/// </summary>
public sealed class NlgpSamplingBenchmark : IBenchmarkSuite
{
    public const int Samples = 20_000;

    public static IReadOnlyList<int> Sides { get; } = [20, 64];

    public string Name => "nlgp-sampling";

    public static string CaseName(int side) => $"2D torus L={side} (D={side * side}), {Samples:N0} samples";

    /// <summary>Samples per timed Cholesky repetition: each costs an O(D^2) product, so fewer at large D.</summary>
    public static int CholeskySamples(int side) => side * side > 1000 ? 2000 : Samples;

    public static string CholeskyCaseName(int side) => $"2D torus L={side} (D={side * side}), {CholeskySamples(side):N0} samples [Cholesky]";

    public static string FactorisationCaseName(int side) => $"2D torus L={side} (D={side * side}), Cholesky factorisations (2 classes)";

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
            results.AddRange(Cholesky(side, (StationaryFieldSource)source, result.Median, settings, log, cancellationToken));
        }
        return Task.FromResult<IReadOnlyList<BenchmarkResult>>(results);
    }

    /// <summary>The two factorisations timed on their own (the dense assembly apart), then the Cholesky sampler's rate.</summary>
    private List<BenchmarkResult> Cholesky(
        int side, StationaryFieldSource source, double fftRate, BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        CholeskyNlgpSampler? sampler = null;
        try
        {
            var choleskySeconds = new List<double>();
            bool warm = false;
            var factorSeconds = RepeatedTiming.Seconds(warmups: 1, settings.Repeats, prepare: () =>
            {
                sampler?.Dispose();
                sampler = null;
            }, () =>
            {
                sampler = new CholeskyNlgpSampler(source);
                if (warm)
                {
                    choleskySeconds.Add(sampler.FactorisationSeconds);
                }
                warm = true;
            }, cancellationToken);
            var factorisation = new BenchmarkResult(Name, FactorisationCaseName(side), "s", HigherIsBetter: false, Warmups: 1,
                choleskySeconds,
                new Dictionary<string, double> { ["withAssemblySeconds"] = BenchmarkResult.MedianOf(factorSeconds) },
                "linalg.cholesky of the D x D float64 latent covariance of each class (both classes; assembling the dense "
                + "matrices from their stationary rows is in withAssemblySeconds)");
            log.WriteLine($"{Name} {factorisation.Case}: {factorisation.Median:F3} s (median of {factorisation.Runs}; "
                + $"{BenchmarkResult.MedianOf(factorSeconds):F3} s with the dense covariances' assembly)");

            int n = CholeskySamples(side);
            using var generator = new Generator((ulong)settings.Seed);
            var seconds = RepeatedTiming.Seconds(warmups: 1, settings.Repeats, prepare: null, () =>
            {
                using var batch = sampler!.Sample(n, generator, cancellationToken);
            }, cancellationToken);
            var rate = new BenchmarkResult(Name, CholeskyCaseName(side), "samples/s", HigherIsBetter: true, Warmups: 1,
                [.. seconds.Select(s => n / s)],
                new Dictionary<string, double> { ["samplesPerRepetition"] = n, ["fftSamplesPerSecond"] = fftRate },
                "z = L w per class (float64 [m, D] x [D, D] products, L precomputed), float32 white noise widened to float64, "
                + "the same NLGP nonlinearity, chunks of about 2^20 values");
            log.WriteLine($"{Name} {rate.Case}: {rate.Median:N0} samples/s (median of {rate.Runs}); FFT / Cholesky = {fftRate / rate.Median:F1}");
            return [factorisation, rate];
        }
        finally
        {
            sampler?.Dispose();
        }
    }
}

using LocalityLab.Compute.Measures;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class PreActivationStatisticsTests
{
    [Fact]
    public void Excess_kurtosis_matches_a_slow_double_loop()
    {
        const int samples = 1000, units = 5;
        var random = new Random(21);
        var gaussian = SeededSamples.Gaussian(random, samples * units);
        // Columns of different shapes: Gaussian, heavy-tailed (cube), skewed (square), uniform, and shifted.
        var values = new float[samples * units];
        for (int n = 0; n < samples; n++)
        {
            double g = gaussian[n * units];
            values[n * units + 0] = (float)g;
            values[n * units + 1] = (float)(g * g * g);
            values[n * units + 2] = (float)(gaussian[n * units + 2] * gaussian[n * units + 2]);
            values[n * units + 3] = (float)random.NextDouble();
            values[n * units + 4] = (float)(100 + gaussian[n * units + 4]);
        }
        using var h = tensor(values, [samples, units]);

        var kurtosis = PreActivationStatistics.ExcessKurtosis(h);

        for (int k = 0; k < units; k++)
        {
            var column = Enumerable.Range(0, samples).Select(n => (double)values[n * units + k]).ToArray();
            // Both are float64 moments of the same 1000 numbers; summation order differs, so agreement is to
            // ~1e-13 relative (the shifted column loses ~4 digits to its mean of 100 in both); 1e-9 is ample.
            double expected = SlowExcessKurtosis(column);
            Assert.Equal(expected, kurtosis[k], 1e-9 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Gaussian_pre_activations_have_zero_excess_kurtosis_within_sampling_error()
    {
        const int samples = 100_000, units = 4;
        using var h = tensor(SeededSamples.GaussianSingles(new Random(8), samples * units), [samples, units]);

        var kurtosis = PreActivationStatistics.ExcessKurtosis(h);

        // The sample excess kurtosis of N Gaussian draws has standard error sqrt(24 / N) = 0.0155; allow 4 of them.
        double tolerance = 4 * Math.Sqrt(24.0 / samples);
        Assert.All(kurtosis, value => Assert.InRange(value, -tolerance, tolerance));
    }

    [Fact]
    public void Balanced_plus_minus_one_pre_activations_have_excess_kurtosis_exactly_minus_two()
    {
        const int samples = 1000;
        var random = new Random(4);
        var signs = Enumerable.Range(0, samples).Select(i => i < samples / 2 ? 1f : -1f).OrderBy(_ => random.Next()).ToArray();
        // Rademacher h, the same shifted by 5 and scaled by 3: kurtosis is invariant to both, and every moment
        // here is an exact float64 sum of small integers.
        var values = signs.SelectMany(s => new[] { s, s + 5, 3 * s }).ToArray();
        using var h = tensor(values, [samples, 3]);

        Assert.Equal([-2.0, -2.0, -2.0], PreActivationStatistics.ExcessKurtosis(h));
    }

    [Fact]
    public void A_constant_pre_activation_gives_NaN_without_an_exception()
    {
        const int samples = 300;
        var values = new float[samples * 3];
        for (int n = 0; n < samples; n++)
        {
            values[n * 3 + 0] = 0;              // dead unit
            values[n * 3 + 1] = 0.1f;           // constant whose float64 mean is not exact
            values[n * 3 + 2] = n % 2 == 0 ? 1 : -1;
        }
        using var h = tensor(values, [samples, 3]);

        var kurtosis = PreActivationStatistics.ExcessKurtosis(h);

        Assert.True(double.IsNaN(kurtosis[0]));
        Assert.True(double.IsNaN(kurtosis[1]));
        Assert.Equal(-2.0, kurtosis[2]);
    }

    /// <summary>E[(h - Eh)^4] / Var(h)^2 - 3 with population moments, in plain loops; NaN when Var(h) is exactly 0.</summary>
    internal static double SlowExcessKurtosis(IReadOnlyList<double> h)
    {
        double mean = 0;
        for (int n = 0; n < h.Count; n++)
        {
            mean += h[n];
        }
        mean /= h.Count;
        double second = 0, fourth = 0;
        for (int n = 0; n < h.Count; n++)
        {
            double d = h[n] - mean;
            second += d * d;
            fourth += d * d * d * d;
        }
        second /= h.Count;
        fourth /= h.Count;
        return second == 0 ? double.NaN : fourth / (second * second) - 3;
    }
}

using LocalityLab.Compute.Statistics;
using MathNet.Numerics.Distributions;

namespace LocalityLab.Compute.Tests.Statistics;

public sealed class MeanIntervalTests
{
    /// <summary>Printed tables give six decimals, so agreement to 1e-5 checks every printed digit but the rounding.</summary>
    private const double TableTolerance = 1e-5;

    /// <summary>
    /// The slow quantile's CDF is accurate to about 1e-13 (Simpson's error at step 1e-3 is far smaller), and a CDF
    /// error e moves the quantile by e / density, at most about 1e-10 here (density >= 0.002 at t_{0.975,1}).
    /// </summary>
    private const double SlowQuantileTolerance = 1e-8;

    /// <summary>Both sides compute the same few float64 operations on at most 64 values of size about 10.</summary>
    private const double ExactTolerance = 1e-12;

    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(7, 2.364624)]
    [InlineData(63, 1.998341)]
    public void T_quantile_matches_the_textbook_table(int freedom, double expected)
    {
        Assert.Equal(expected, StudentT.InvCDF(0, 1, freedom, 0.975), TableTolerance);
        Assert.Equal(expected, SlowStudentT.Quantile(0.975, freedom), TableTolerance);
    }

    [Theory]
    [InlineData(1, 0.975)]
    [InlineData(2, 0.975)]
    [InlineData(3, 0.975)]
    [InlineData(7, 0.975)]
    [InlineData(20, 0.975)]
    [InlineData(63, 0.975)]
    [InlineData(7, 0.95)]
    [InlineData(30, 0.995)]
    public void T_quantile_matches_the_numerically_integrated_density(int freedom, double p)
    {
        Assert.Equal(SlowStudentT.Quantile(p, freedom), StudentT.InvCDF(0, 1, freedom, p), SlowQuantileTolerance);
    }

    [Fact]
    public void Slow_log_gamma_matches_known_values()
    {
        Assert.Equal(0.5 * Math.Log(Math.PI), SlowStudentT.LogGamma(0.5), 1e-14);
        Assert.Equal(0, SlowStudentT.LogGamma(1), 1e-14);
        Assert.Equal(Math.Log(24), SlowStudentT.LogGamma(5), 1e-13);
        Assert.Equal(Math.Log(3 * Math.Sqrt(Math.PI) / 4), SlowStudentT.LogGamma(2.5), 1e-14);
    }

    [Theory]
    [InlineData(new[] { 1.5, 2.0 })]
    [InlineData(new[] { 0.3, -1.2, 2.8, 0.9, 1.1, -0.4, 0.0, 5.5 })]
    [InlineData(new[] { 10.0, 10.001, 9.999, 10.0005 })]
    public void Interval_of_fixed_data_equals_the_slow_mean_and_sd_formula(double[] values)
    {
        var interval = MeanInterval.Of(values);

        var (mean, sd) = SlowMeanAndSd(values);
        double half = StudentT.InvCDF(0, 1, values.Length - 1, 0.975) * sd / Math.Sqrt(values.Length);
        Assert.Equal(values.Length, interval.N);
        Assert.Equal(mean, interval.Mean!.Value, ExactTolerance);
        Assert.Equal(mean - half, interval.Low!.Value, ExactTolerance);
        Assert.Equal(mean + half, interval.High!.Value, ExactTolerance);
    }

    [Fact]
    public void Interval_of_64_values_uses_63_degrees_of_freedom()
    {
        double[] values = [.. Enumerable.Range(0, 64).Select(i => Math.Sin(i) * 3 + i * 0.01)];

        var interval = MeanInterval.Of(values);

        var (mean, sd) = SlowMeanAndSd(values);
        double half = SlowStudentT.Quantile(0.975, 63) * sd / 8;
        Assert.Equal(mean + half, interval.High!.Value, SlowQuantileTolerance);
        Assert.Equal(mean - half, interval.Low!.Value, SlowQuantileTolerance);
    }

    [Fact]
    public void Confidence_sets_the_quantile()
    {
        double[] values = [1, 2, 4, 8];

        var interval = MeanInterval.Of(values, confidence: 0.90);

        var (mean, sd) = SlowMeanAndSd(values);
        Assert.Equal(mean + StudentT.InvCDF(0, 1, 3, 0.95) * sd / 2, interval.High!.Value, ExactTolerance);
    }

    [Fact]
    public void Non_finite_values_are_not_measured_and_skipped()
    {
        var interval = MeanInterval.Of([1, double.NaN, 3, double.PositiveInfinity, 5]);

        Assert.Equal(3, interval.N);
        Assert.Equal(3, interval.Mean!.Value, ExactTolerance);
        Assert.Equal(MeanInterval.Of([1, 3, 5]), interval);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_interval()
    {
        Assert.Equal(new MeanInterval(2.5, null, null, 1), MeanInterval.Of([double.NaN, 2.5]));
    }

    [Fact]
    public void No_value_has_neither_mean_nor_interval()
    {
        Assert.Equal(new MeanInterval(null, null, null, 0), MeanInterval.Of([double.NaN]));
        Assert.Equal(new MeanInterval(null, null, null, 0), MeanInterval.Of([]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Confidence_outside_the_open_unit_interval_is_refused(double confidence)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MeanInterval.Of([1, 2], confidence));
        Assert.Equal("confidence", error.ParamName);
    }

    /// <summary>
    /// The mean by a plain loop; the variance from all pairwise differences, s^2 = sum_{i&lt;j} (x_i - x_j)^2 / (n(n - 1)),
    /// which needs no mean at all.
    /// </summary>
    internal static (double Mean, double Sd) SlowMeanAndSd(IReadOnlyList<double> values)
    {
        int n = values.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += values[i];
        }
        double pairs = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                pairs += (values[i] - values[j]) * (values[i] - values[j]);
            }
        }
        return (sum / n, Math.Sqrt(pairs / (n * (n - 1.0))));
    }
}

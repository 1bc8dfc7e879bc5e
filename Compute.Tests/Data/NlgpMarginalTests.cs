using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class NlgpMarginalTests
{
    // 10,000 samples of a 20 x 20 torus per gain (4,000,000 pixel values). Standard errors are measured from the spread of
    // the per-sample moments (samples are independent, pixels within a sample are correlated) and we allow 5 of them,
    // plus 0.0005 for the table's rounding to 3 decimals.
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(10.0)]
    [InlineData(100.0)]
    public void Pixels_have_unit_variance_and_the_tabulated_excess_kurtosis(double gain)
    {
        var spec = new DataSpec { Source = DataSource.Nlgp, Geometry = Geometry.Torus2D, Size = 20, CorrelationLengths = [1, 2], Gain = gain };
        using var source = ExperimentDataBuilder.CreateSource(spec);
        using var generator = new Generator(11, CPU);
        using var batch = source.Sample(10_000, generator);

        var (secondMoments, fourthMoments) = IndependentSampleStatistics.PerSampleMoments(batch.Inputs);
        var (variance, varianceError) = IndependentSampleStatistics.Mean(secondMoments);
        var (kurtosis, kurtosisError) = IndependentSampleStatistics.ExcessKurtosis(secondMoments, fourthMoments);
        double expected = NlgpClosedForm.ExcessKurtosis[gain];

        Assert.InRange(variance, 1 - 5 * varianceError, 1 + 5 * varianceError);
        Assert.InRange(kurtosis, expected - 5 * kurtosisError - 0.0005, expected + 5 * kurtosisError + 0.0005);
        // The check is sharp: 5 standard errors stay below 0.03, under half the 0.06 gap between the g = 10 and g = 100
        // entries, and the variance is pinned to 1 within 1%.
        Assert.True(5 * kurtosisError < 0.03, $"kurtosis standard error {kurtosisError} is too large for a sharp test");
        Assert.True(5 * varianceError < 0.01, $"variance standard error {varianceError} is too large for a sharp test");
    }

    [Fact]
    public void At_gain_zero_the_inputs_are_the_gaussian_latent_itself_and_equal_the_clone()
    {
        // g = 0 means x = z exactly, and Sigma = C, so the NLGP and its clone are the same sampler: same seed, same
        // samples, up to the float64 rounding of the clone's covariance (one FFT round trip, ~1e-16), far below float32.
        var spec = new DataSpec { Source = DataSource.Nlgp, Geometry = Geometry.Torus2D, Size = 8, CorrelationLengths = [1, 2], Gain = 0 };
        using var nlgp = ExperimentDataBuilder.CreateSource(spec);
        using var clone = ExperimentDataBuilder.CreateSource(spec with { Source = DataSource.GaussianClone });
        using var first = new Generator(5, CPU);
        using var second = new Generator(5, CPU);
        using var a = nlgp.Sample(64, first);
        using var b = clone.Sample(64, second);

        MatrixAssert.Close([.. a.Inputs.data<float>().ToArray().Select(v => (double)v)], [.. b.Inputs.data<float>().ToArray().Select(v => (double)v)], 1e-6);
        Assert.Equal(a.Labels.data<long>().ToArray(), b.Labels.data<long>().ToArray());
    }
}

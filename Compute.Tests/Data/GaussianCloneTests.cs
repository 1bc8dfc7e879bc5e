using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class GaussianCloneTests
{
    // Exact: the clone's FFT map squared equals the NLGP's closed-form Sigma to 1e-8 (float64 rounding is ~1e-16).
    [Theory]
    [InlineData(1, 16, 1.2, 2.0, 2.0, 3.0)]
    [InlineData(6, 6, 1.0, 1.5, 2.0, 10.0)]
    [InlineData(5, 5, 1.0, 3.0, 1.0, 100.0)]
    public void Clone_map_times_its_transpose_is_the_nlgp_sigma(int height, int width, double xi0, double xi1, double exponent, double gain)
    {
        var shape = new InputShape(height, width);
        double[] xis = [xi0, xi1];
        using var clone = StationaryFieldSource.CreateGaussianClone(shape, xis, gain, exponent);

        Assert.Equal(0, clone.Gain);
        for (int label = 0; label < 2; label++)
        {
            var sigma = NlgpClosedForm.InputCovariance(height, width, xis[label], exponent, gain);
            MatrixAssert.Close(sigma, FftSamplerTests.SquareOfLinearMap(clone.Fields, label), 1e-8);
        }
    }

    [Fact]
    public void Clone_samples_have_the_nlgp_covariance_and_a_gaussian_marginal()
    {
        var spec = new DataSpec { Source = DataSource.GaussianClone, Geometry = Geometry.Ring1D, Size = 24, CorrelationLengths = [1.5, 2], Gain = 10 };
        using var clone = ExperimentDataBuilder.CreateSource(spec);
        using var nlgp = ExperimentDataBuilder.CreateSource(spec with { Source = DataSource.Nlgp });
        using var generator = new Generator(41, CPU);
        using var cloneBatch = clone.Sample(20_000, generator);
        using var nlgpBatch = nlgp.Sample(20_000, generator);

        // Covariance: each entry within 5 of its standard errors of Sigma (about 0.01 per entry).
        for (int label = 0; label < 2; label++)
        {
            using var rows = cloneBatch.Labels.eq(label).nonzero().reshape(-1);
            using var inputs = cloneBatch.Inputs.index_select(0, rows);
            var (moments, errors) = IndependentSampleStatistics.SecondMomentMatrix(inputs);
            MatrixAssert.WithinStandardErrors(NlgpClosedForm.InputCovariance(1, 24, spec.CorrelationLengths[label], 2, spec.Gain), moments, errors, 5);
        }

        // Marginal: the clone's excess kurtosis is 0 within 5 standard errors (about 0.01), the NLGP's at the same
        // covariance is the table's -1.934: second-order statistics alike, higher cumulants not.
        var (cloneKurtosis, cloneError) = Kurtosis(cloneBatch);
        var (nlgpKurtosis, nlgpError) = Kurtosis(nlgpBatch);
        Assert.InRange(cloneKurtosis, -5 * cloneError, 5 * cloneError);
        Assert.InRange(nlgpKurtosis, -1.934 - 5 * nlgpError - 0.0005, -1.934 + 5 * nlgpError + 0.0005);
        Assert.True(5 * cloneError < 0.05, $"standard error {cloneError} too large for a sharp test");
    }

    private static (double Value, double StandardError) Kurtosis(LabeledBatch batch)
    {
        var (second, fourth) = IndependentSampleStatistics.PerSampleMoments(batch.Inputs);
        return IndependentSampleStatistics.ExcessKurtosis(second, fourth);
    }
}

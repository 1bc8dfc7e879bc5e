using LocalityLab.Bench.Engine;
using LocalityLab.Compute.Data;
using LocalityLab.Compute.Tests.Data;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Benchmarks;

/// <summary>The benchmark's dense sampler draws the same NLGP as the FFT sampler it is timed against.</summary>
public sealed class CholeskyNlgpSamplerTests
{
    [Theory]
    [InlineData(4, 6, 1.2, 1.5)]
    [InlineData(5, 5, 1.0, 2.0)]
    [InlineData(1, 9, 2.0, 1.0)]
    public void The_dense_covariance_is_the_closed_form_latent_kernel(int height, int width, double xi, double exponent)
    {
        var shape = new InputShape(height, width);

        using var dense = CholeskyNlgpSampler.DenseCovariance(shape, LatentKernel.CovarianceRow(shape, xi, exponent));

        MatrixAssert.Close(NlgpClosedForm.LatentCovariance(height, width, xi, exponent), IndependentSampleStatistics.ToMatrix(dense), 1e-12);
    }

    [Fact]
    public void Its_factors_are_lower_triangular_square_roots_of_each_class_covariance()
    {
        var shape = InputShape.Square(6);
        double[] xis = [1.0, 1.5];
        using var source = StationaryFieldSource.CreateNlgp(shape, xis, gain: 3, 2);
        using var sampler = new CholeskyNlgpSampler(source);
        using var scope = NewDisposeScope();

        for (int label = 0; label < 2; label++)
        {
            var factor = sampler.Factor(label);
            Assert.Equal(0, factor.triu(1).abs().max().item<double>());
            MatrixAssert.Close(NlgpClosedForm.LatentCovariance(6, 6, xis[label], 2), IndependentSampleStatistics.ToMatrix(factor.matmul(factor.t())), 1e-12);
        }
        Assert.True(sampler.FactorisationSeconds > 0);
    }

    [Fact]
    public void Its_samples_have_each_class_nlgp_input_covariance()
    {
        const int n = 20_000;
        const double gain = 3;
        var shape = InputShape.Square(6);
        double[] xis = [1.0, 1.5];
        using var source = StationaryFieldSource.CreateNlgp(shape, xis, gain, 2);
        using var sampler = new CholeskyNlgpSampler(source);
        using var generator = new Generator(7);

        using var batch = sampler.Sample(n, generator);

        using var scope = NewDisposeScope();
        Assert.Equal(n / 2, batch.Labels.sum().item<long>());
        for (int label = 0; label < 2; label++)
        {
            var rows = batch.Labels.eq(label).nonzero().squeeze(1);
            var (moments, errors) = IndependentSampleStatistics.SecondMomentMatrix(batch.Inputs.index_select(0, rows));
            // Each entry within 5 standard errors (about 0.01 here) of Sigma; the other class's Sigma is far outside.
            MatrixAssert.WithinStandardErrors(NlgpClosedForm.InputCovariance(6, 6, xis[label], 2, gain), moments, errors, 5);
            var other = NlgpClosedForm.InputCovariance(6, 6, xis[1 - label], 2, gain);
            Assert.Contains(Enumerable.Range(0, 36), j => Math.Abs(other[0, j] - moments[0, j]) > 10 * errors[0, j]);
        }
    }
}

using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class NlgpCovarianceTests
{
    // 20,000 samples (10,000 per class); every entry of the empirical covariance E[x_i x_j] must lie within 5 of its
    // own standard errors sqrt((E[x_i^2 x_j^2] - E[x_i x_j]^2) / n) of Sigma_ij (about 0.01 per entry here).
    [Theory]
    [InlineData(Geometry.Ring1D, 24, 1.5, 2.0, 3.0, 2.0)]
    [InlineData(Geometry.Torus2D, 6, 1.0, 1.5, 3.0, 2.0)]
    [InlineData(Geometry.Ring1D, 24, 1.5, 3.0, 10.0, 1.0)]
    public void Empirical_covariance_of_nlgp_samples_matches_the_closed_form_sigma(
        Geometry geometry, int size, double xi0, double xi1, double gain, double exponent)
    {
        var spec = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = geometry,
            Size = size,
            CorrelationLengths = [xi0, xi1],
            Gain = gain,
            KernelExponent = exponent,
        };
        using var source = ExperimentDataBuilder.CreateSource(spec);
        using var generator = new Generator(21, CPU);
        using var batch = source.Sample(20_000, generator);
        var shape = source.Shape;

        for (int label = 0; label < 2; label++)
        {
            using var rows = batch.Labels.eq(label).nonzero().reshape(-1);
            using var inputs = batch.Inputs.index_select(0, rows);
            var (moments, errors) = IndependentSampleStatistics.SecondMomentMatrix(inputs);
            var sigma = NlgpClosedForm.InputCovariance(shape.Height, shape.Width, spec.CorrelationLengths[label], exponent, gain);
            MatrixAssert.WithinStandardErrors(sigma, moments, errors, 5);
        }
    }

    [Theory]
    [InlineData(Geometry.Ring1D, 24, 3.0, 2.0)]
    [InlineData(Geometry.Torus2D, 10, 10.0, 2.0)]
    [InlineData(Geometry.Torus2D, 10, 0.0, 1.0)]
    [InlineData(Geometry.Torus2D, 20, 0.1, 1.5)]
    public void Analytic_profile_is_sigma_at_each_periodic_distance_along_the_width_for_the_nlgp_and_the_clone(
        Geometry geometry, int size, double gain, double exponent)
    {
        var spec = new DataSpec { Geometry = geometry, Size = size, CorrelationLengths = [1.5, 2], Gain = gain, KernelExponent = exponent };
        using var nlgp = ExperimentDataBuilder.CreateSource(spec with { Source = DataSource.Nlgp });
        using var clone = ExperimentDataBuilder.CreateSource(spec with { Source = DataSource.GaussianClone });
        var shape = nlgp.Shape;
        int maxDistance = shape.Width + 2; // beyond the width the profile wraps around

        for (int label = 0; label < 2; label++)
        {
            var sigma = NlgpClosedForm.InputCovariance(shape.Height, shape.Width, spec.CorrelationLengths[label], exponent, gain);
            var expected = Enumerable.Range(0, maxDistance + 1).Select(d => sigma[0, d % shape.Width]).ToArray();
            // Closed forms evaluated in float64; the clone's goes through an FFT round trip (rounding ~1e-16).
            MatrixAssert.Close(expected, nlgp.AnalyticCorrelationProfile(label, maxDistance)!, 1e-12);
            MatrixAssert.Close(expected, clone.AnalyticCorrelationProfile(label, maxDistance)!, 1e-12);
        }
    }
}

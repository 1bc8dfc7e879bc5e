using LocalityLab.Compute.Data;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class FftSamplerTests
{
    /// <summary>A A^T of the FFT sampler's linear map z = A w: the D unit vectors fed in as white noise give A's columns.</summary>
    internal static double[,] SquareOfLinearMap(CirculantGaussianFields fields, int label)
    {
        using var scope = NewDisposeScope();
        var shape = fields.Shape;
        int d = shape.Inputs;
        var columns = fields.Apply(eye(d, dtype: float64).view(d, shape.Height, shape.Width), full(d, label, int64)).view(d, d);
        return IndependentSampleStatistics.ToMatrix(columns.t().matmul(columns));
    }

    // Exact: float64 FFTs of at most 100 points round at ~1e-16, so A A^T must equal C to 1e-8 (absolute). The
    // correlation lengths are ones where the periodic kernel is positive definite on that lattice (see the clipping test).
    [Theory]
    [InlineData(1, 16, 1.2, 2.0, 2.0)]
    [InlineData(1, 15, 2.0, 5.0, 1.0)]
    [InlineData(6, 6, 1.0, 1.5, 2.0)]
    [InlineData(5, 5, 1.0, 3.0, 1.0)]
    [InlineData(4, 6, 0.7, 1.2, 1.5)]
    [InlineData(10, 10, 1.5, 2.0, 2.0)]
    public void Fft_map_times_its_transpose_is_the_latent_covariance(int height, int width, double xi0, double xi1, double exponent)
    {
        var shape = new InputShape(height, width);
        double[] xis = [xi0, xi1];
        using var source = StationaryFieldSource.CreateNlgp(shape, xis, gain: 3, exponent);

        for (int label = 0; label < 2; label++)
        {
            Assert.Equal(0, source.Fields.MostNegativeEigenvalues[label]);
            var expected = NlgpClosedForm.LatentCovariance(height, width, xis[label], exponent);
            MatrixAssert.Close(expected, SquareOfLinearMap(source.Fields, label), 1e-8);
        }
    }

    [Fact]
    public void Where_the_periodic_kernel_is_not_positive_definite_negative_eigenvalues_are_clipped_keeping_unit_variance()
    {
        // On a 10 x 10 torus the min-image kernel with xi = 3 or 5 has eigenvalues down to -0.19 and -1.6: the sampled
        // covariance is the clipped one, rescaled to variance 1, and the FFT map is exactly its square root (1e-8).
        var shape = InputShape.Square(10);
        double[] xis = [3, 5];
        using var nlgp = StationaryFieldSource.CreateNlgp(shape, xis, gain: 10, 2);
        using var clone = StationaryFieldSource.CreateGaussianClone(shape, xis, gain: 10, 2);

        for (int label = 0; label < 2; label++)
        {
            Assert.True(nlgp.Fields.MostNegativeEigenvalues[label] < -0.1);
            var realised = nlgp.Fields.RealisedCovarianceRow(label);
            Assert.Equal(1, realised[0], 1e-12);
            var dense = new double[100, 100];
            var sigma = new double[100, 100];
            for (int i = 0; i < 100; i++)
            {
                for (int j = 0; j < 100; j++)
                {
                    int dr = ((j / 10 - i / 10) % 10 + 10) % 10, dc = ((j % 10 - i % 10) % 10 + 10) % 10;
                    dense[i, j] = realised[dr * 10 + dc];
                    sigma[i, j] = 2 / Math.PI * Math.Asin(100 * dense[i, j] / 101) / NlgpClosedForm.Gamma(10);
                }
            }
            MatrixAssert.Close(dense, SquareOfLinearMap(nlgp.Fields, label), 1e-8);
            // The clone follows the realised latent covariance, so it stays the exact second-order twin of the NLGP.
            MatrixAssert.Close(sigma, SquareOfLinearMap(clone.Fields, label), 1e-8);
            // How far from the nominal kernel this is: more than 0.01 somewhere (what a user asking for such xi gets).
            var nominal = NlgpClosedForm.LatentCovariance(10, 10, xis[label], 2);
            Assert.True(Enumerable.Range(0, 100).Max(j => Math.Abs(nominal[0, j] - dense[0, j])) > 0.01);
        }
    }

    /// <summary>
    /// The clipping a user is told about, against a slow real DFT of the nominal kernel: the most negative eigenvalue,
    /// and the largest gap between the nominal correlations and those of the clipped, rescaled kernel (1e-9: rounding of
    /// O(D^2) sums of at most 400 terms).
    /// </summary>
    [Theory]
    [InlineData(1, 64, 30.0, 2.0)]
    [InlineData(1, 400, 100.0, 1.5)]
    [InlineData(10, 10, 5.0, 2.0)]
    [InlineData(10, 10, 10.0, 1.0)]
    public void A_clipped_kernel_reports_its_most_negative_eigenvalue_and_its_largest_correlation_error(int height, int width, double xi, double exponent)
    {
        var shape = new InputShape(height, width);
        int d = shape.Inputs;
        var nominal = NlgpClosedForm.LatentCovariance(height, width, xi, exponent);
        // lambda_(a, b) = sum over (r, c) of C(0; r, c) cos(2 pi (a r / H + b c / W)): C is real, symmetric and circulant.
        double Phase(int a, int b, int j) => 2 * Math.PI * ((double)a * (j / width) / height + (double)b * (j % width) / width);
        var eigenvalues = new double[d];
        for (int k = 0; k < d; k++)
        {
            eigenvalues[k] = Enumerable.Range(0, d).Sum(j => nominal[0, j] * Math.Cos(Phase(k / width, k % width, j)));
        }
        var clipped = Enumerable.Range(0, d)
            .Select(j => Enumerable.Range(0, d).Sum(k => Math.Max(0, eigenvalues[k]) * Math.Cos(Phase(k / width, k % width, j))) / d).ToArray();
        double expectedError = Enumerable.Range(0, d).Max(j => Math.Abs(nominal[0, j] - clipped[j] / clipped[0]));

        using var nlgp = StationaryFieldSource.CreateNlgp(shape, [1, xi], gain: 3, exponent);
        using var clone = StationaryFieldSource.CreateGaussianClone(shape, [1, xi], gain: 3, exponent);

        Assert.True(eigenvalues.Min() < -1e-4, $"the case was meant to clip; its smallest eigenvalue is {eigenvalues.Min()}");
        var clipping = nlgp.LatentKernelClipping(1)!;
        Assert.Equal(eigenvalues.Min(), clipping.MostNegativeEigenvalue, 1e-9);
        Assert.Equal(expectedError, clipping.MaxCorrelationError, 1e-9);
        Assert.Equal(clipping, clone.LatentKernelClipping(1));
        // xi = 1 is a valid covariance on every one of these lattices: sampled as asked, nothing to report.
        Assert.Null(nlgp.LatentKernelClipping(0));
        Assert.Null(clone.LatentKernelClipping(0));
    }

    [Fact]
    public void Fft_and_cholesky_samples_have_the_same_covariance()
    {
        const int side = 5, n = 20_000;
        var shape = InputShape.Square(side);
        var covariance = NlgpClosedForm.LatentCovariance(side, side, 1.5, 2);
        using var source = StationaryFieldSource.CreateNlgp(shape, [1.5, 1.5], gain: 0, 2);
        using var scope = NewDisposeScope();
        var c = tensor(covariance.Cast<double>().ToArray(), float64).view(shape.Inputs, shape.Inputs);
        var cholesky = linalg.cholesky(c);
        // The oracle itself: L L^T = C (a 25 x 25 float64 factorisation rounds at ~1e-15).
        MatrixAssert.Close(covariance, IndependentSampleStatistics.ToMatrix(cholesky.matmul(cholesky.t())), 1e-12);

        using var generator = new Generator(31, CPU);
        var choleskySamples = randn([n, shape.Inputs], float64, generator: generator).matmul(cholesky.t());
        var fftSamples = source.Fields.Apply(randn([n, side, side], float64, generator: generator), zeros(n, int64)).view(n, shape.Inputs);
        var (choleskyMoments, choleskyErrors) = IndependentSampleStatistics.SecondMomentMatrix(choleskySamples);
        var (fftMoments, fftErrors) = IndependentSampleStatistics.SecondMomentMatrix(fftSamples);

        // Each entry within 5 standard errors of C (~0.007 each here), and the two samplers within 5 of their combined error.
        MatrixAssert.WithinStandardErrors(covariance, choleskyMoments, choleskyErrors, 5);
        MatrixAssert.WithinStandardErrors(covariance, fftMoments, fftErrors, 5);
        var combined = new double[shape.Inputs, shape.Inputs];
        for (int i = 0; i < shape.Inputs; i++)
        {
            for (int j = 0; j < shape.Inputs; j++)
            {
                combined[i, j] = Math.Sqrt(choleskyErrors[i, j] * choleskyErrors[i, j] + fftErrors[i, j] * fftErrors[i, j]);
            }
        }
        MatrixAssert.WithinStandardErrors(choleskyMoments, fftMoments, combined, 5);
    }
}

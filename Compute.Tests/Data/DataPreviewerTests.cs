using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Tests.Data;

public sealed class DataPreviewerTests
{
    private const int SamplesPerClass = 300;

    private static readonly DataSpec Nlgp = new()
    {
        Source = DataSource.Nlgp,
        Geometry = Geometry.Torus2D,
        Size = 20,
        CorrelationLengths = [1, 2],
        Gain = 3,
    };

    /// <summary>Per sample: its mean of x_(r, c) x_(r, c + d) over all positions, for d = 0..maxDistance.</summary>
    private static double[][] PerSampleProfiles(float[][] samples, int height, int width, int maxDistance) =>
        [.. samples.Select(x => Enumerable.Range(0, maxDistance + 1).Select(d =>
        {
            double sum = 0;
            for (int r = 0; r < height; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    sum += (double)x[r * width + c] * x[r * width + (c + d) % width];
                }
            }
            return sum / (height * width);
        }).ToArray())];

    [Fact]
    public void Nlgp_preview_has_the_samples_asked_for_and_its_empirical_profile_matches_the_analytic_one()
    {
        var preview = DataPreviewer.Preview(Nlgp, SamplesPerClass, seed: 61);

        Assert.Equal(20, preview.Shape.Width);
        Assert.Equal(2, preview.Classes.Count);
        foreach (var (preview1, label) in preview.Classes.Select((c, i) => (c, i)))
        {
            Assert.Equal(label, preview1.Label);
            Assert.Equal(SamplesPerClass, preview1.Samples.Length);
            Assert.All(preview1.Samples, s => Assert.Equal(400, s.Length));
            Assert.Equal(Enumerable.Range(0, 11), preview1.Distances);

            // The analytic profile is the closed-form Sigma along the width (float64 formulas, 1e-12).
            var sigma = NlgpClosedForm.InputCovariance(20, 20, Nlgp.CorrelationLengths[label], 2, Nlgp.Gain);
            MatrixAssert.Close([.. Enumerable.Range(0, 11).Select(d => sigma[0, d])], preview1.AnalyticCorrelation!, 1e-12);

            // The empirical profile is the average over positions and samples (recomputed here directly, 1e-9), and lies
            // within 5 standard errors of the analytic one; the error is the spread of the per-sample averages / sqrt(300).
            var perSample = PerSampleProfiles(preview1.Samples, 20, 20, 10);
            for (int d = 0; d <= 10; d++)
            {
                var (mean, error) = IndependentSampleStatistics.Mean([.. perSample.Select(p => p[d])]);
                Assert.Equal(mean, preview1.EmpiricalCorrelation[d], 1e-9);
                Assert.InRange(preview1.EmpiricalCorrelation[d], preview1.AnalyticCorrelation![d] - 5 * error, preview1.AnalyticCorrelation[d] + 5 * error);
            }
        }
    }

    [Fact]
    public void Nlgp_preview_marginal_counts_every_pixel_value_and_has_the_tabulated_kurtosis()
    {
        var preview = DataPreviewer.Preview(Nlgp, SamplesPerClass, seed: 62);
        var marginal = preview.Marginal;
        var values = preview.Classes.SelectMany(c => c.Samples).SelectMany(s => s).Select(v => (double)v).ToArray();

        Assert.Equal(DataPreviewer.HistogramBins, marginal.Counts.Length);
        Assert.Equal(DataPreviewer.HistogramBins + 1, marginal.BinEdges.Length);
        Assert.Equal(2L * SamplesPerClass * 400, marginal.Counts.Sum());
        Assert.True(marginal.BinEdges.Zip(marginal.BinEdges.Skip(1)).All(e => e.First < e.Second));
        Assert.True(marginal.BinEdges[0] <= values.Min() && values.Max() <= marginal.BinEdges[^1]);
        // Each bin counts the values that fall in it (the last bin includes its right edge).
        for (int bin = 0; bin < marginal.Counts.Length; bin++)
        {
            double lo = marginal.BinEdges[bin], hi = marginal.BinEdges[bin + 1];
            bool last = bin == marginal.Counts.Length - 1;
            Assert.Equal(values.LongCount(v => v >= lo && (v < hi || (last && v <= hi))), marginal.Counts[bin]);
        }

        Assert.Equal(values.Average(), marginal.Mean, 1e-9);
        Assert.Equal(values.Sum(v => (v - marginal.Mean) * (v - marginal.Mean)) / values.Length, marginal.Variance, 1e-9);
        // g = 3: -1.757 (table, rounded to 0.0005), within 5 standard errors from the per-sample moments.
        var perSample = preview.Classes.SelectMany(c => c.Samples).ToArray();
        var (kurtosis, error) = IndependentSampleStatistics.ExcessKurtosis(
            [.. perSample.Select(s => s.Average(v => (double)v * v))],
            [.. perSample.Select(s => s.Average(v => Math.Pow(v, 4)))]);
        Assert.InRange(marginal.ExcessKurtosis, -1.757 - 5 * error - 0.0005, -1.757 + 5 * error + 0.0005);
        Assert.Equal(kurtosis, marginal.ExcessKurtosis, 0.01); // centred (preview) vs raw (here) moments differ by O(mean^2)
    }

    [Fact]
    public void The_same_seed_gives_the_same_preview()
    {
        var first = DataPreviewer.Preview(Nlgp with { Size = 6 }, 4, seed: 63);
        var second = DataPreviewer.Preview(Nlgp with { Size = 6 }, 4, seed: 63);

        Assert.Equal(first.Classes[1].Samples, second.Classes[1].Samples);
        Assert.Equal(first.Marginal.Counts, second.Marginal.Counts);
    }

    [Theory]
    [InlineData("nlgp")]
    [InlineData("gaussianClone")]
    public void A_preview_names_the_class_whose_latent_kernel_had_to_be_clipped(string key)
    {
        var source = new DataSource(key);
        // On a 10 x 10 torus the Gaussian kernel with xi = 5 has an eigenvalue of -1.6 (see FftSamplerTests); xi = 1 is valid.
        var spec = Nlgp with { Source = source, Size = 10, CorrelationLengths = [1, 5] };

        var preview = DataPreviewer.Preview(spec, 4, seed: 65);

        Assert.Null(preview.Classes[0].LatentClipping);
        Assert.InRange(preview.Classes[1].LatentClipping!.MostNegativeEigenvalue, -1.7, -1.5);
        Assert.InRange(preview.Classes[1].LatentClipping!.MaxCorrelationError, 0.01, 1);
    }

    [Fact]
    public void The_check_without_samples_agrees_with_the_preview_and_an_ising_source_has_no_kernel_to_clip()
    {
        var spec = Nlgp with { Size = 10, CorrelationLengths = [1, 5] };

        var checkedClippings = LatentKernelCheck.Clippings(spec);

        Assert.Equal(DataPreviewer.Preview(spec, 2, seed: 66).Classes.Select(c => c.LatentClipping), checkedClippings);
        Assert.NotNull(checkedClippings[1]);
        Assert.Equal([null, null], LatentKernelCheck.Clippings(new DataSpec { Source = DataSource.Ising, Size = 8, IsingTemperatures = [2, 4] }));
    }

    [Fact]
    public void Ising_preview_has_no_analytic_profile_and_spins_correlate_perfectly_with_themselves()
    {
        var spec = new DataSpec { Source = DataSource.Ising, Size = 8, IsingTemperatures = [2, 4], IsingSweeps = 20 };

        var preview = DataPreviewer.Preview(spec, 10, seed: 64);

        Assert.All(preview.Classes, c => Assert.Null(c.AnalyticCorrelation));
        Assert.All(preview.Classes, c => Assert.Equal(1, c.EmpiricalCorrelation[0], 1e-12));
        // Spins are ±1: every value lands in the first or last bin.
        Assert.Equal(2L * 10 * 64, preview.Marginal.Counts[0] + preview.Marginal.Counts[^1]);
    }
}

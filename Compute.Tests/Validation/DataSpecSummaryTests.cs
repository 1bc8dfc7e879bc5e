using System.Globalization;
using System.Text.Json;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Tests.Validation;

/// <summary>A data spec in a few words, said once beside the spec (the runs list shows it; the run store records it).</summary>
public sealed class DataSpecSummaryTests
{
    [Fact]
    public void Each_source_is_summarised_by_what_sets_it_apart()
    {
        Assert.Equal("Nlgp 20x20 torus, xi 1/2, g 10", new DataSpec().Summary);
        Assert.Equal("GaussianClone ring of 400, xi 1/4.5, g 3",
            new DataSpec { Source = DataSource.GaussianClone, Geometry = Geometry.Ring1D, Size = 400, CorrelationLengths = [1, 4.5], Gain = 3 }.Summary);
        Assert.Equal("Ising 24x24 torus, T 2/3.5", new DataSpec { Source = DataSource.Ising, Size = 24, IsingTemperatures = [2, 3.5] }.Summary);
        Assert.Equal("LocalImages train-images.idx", new DataSpec { Source = DataSource.LocalImages, ImagesPath = "/data/mnist/train-images.idx" }.Summary);
    }

    [Fact]
    public void The_summary_reads_the_same_in_a_culture_with_a_decimal_comma()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("Nlgp 20x20 torus, xi 1/4.5, g 2.5", new DataSpec { CorrelationLengths = [1, 4.5], Gain = 2.5 }.Summary);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_summary_is_not_part_of_the_spec_s_json_so_not_of_its_identity()
    {
        Assert.DoesNotContain("summary", JsonSerializer.Serialize(new ExperimentSpec(), SpecJson.Options), StringComparison.OrdinalIgnoreCase);
    }
}

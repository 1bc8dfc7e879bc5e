using LocalityLab.Compute.Measures;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class DistributionSummaryTests
{
    // Every expected value below is a short float64 interpolation of the inputs: 1e-15 tells a formula apart from rounding.
    private const double Exact = 1e-15;

    [Fact]
    public void Quartiles_of_one_to_four_are_NumPys_linear_percentiles()
    {
        // np.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        var summary = DistributionSummary.Of([4.0, 1.0, 3.0, 2.0]);

        Assert.Equal(4, summary.Count);
        Assert.Equal(2.5, summary.Mean!.Value, Exact);
        Assert.Equal(1.75, summary.Q1!.Value, Exact);
        Assert.Equal(2.5, summary.Median!.Value, Exact);
        Assert.Equal(3.25, summary.Q3!.Value, Exact);
        Assert.Equal(1.0, summary.Min);
        Assert.Equal(4.0, summary.Max);
    }

    [Fact]
    public void Quartiles_interpolate_between_neighbours_at_position_q_times_n_minus_one()
    {
        // Sorted [1, 2, 3, 4, 5, 10]: positions 1.25, 2.5, 3.75 -> 2.25, 3.5, 4.75 (np.percentile agrees).
        var summary = DistributionSummary.Of([10.0, 1.0, 5.0, 2.0, 4.0, 3.0]);

        Assert.Equal(2.25, summary.Q1!.Value, Exact);
        Assert.Equal(3.5, summary.Median!.Value, Exact);
        Assert.Equal(4.75, summary.Q3!.Value, Exact);
        Assert.Equal(25.0 / 6, summary.Mean!.Value, Exact);
    }

    [Fact]
    public void An_odd_count_has_its_middle_value_as_median()
    {
        var summary = DistributionSummary.Of([5.0, 1.0, 3.0]);

        Assert.Equal(2.0, summary.Q1!.Value, Exact);
        Assert.Equal(3.0, summary.Median!.Value, Exact);
        Assert.Equal(4.0, summary.Q3!.Value, Exact);
    }

    [Fact]
    public void Non_finite_values_are_skipped()
    {
        var summary = DistributionSummary.Of([double.NaN, 4.0, double.PositiveInfinity, 1.0, 3.0, double.NegativeInfinity, 2.0, double.NaN]);

        Assert.Equal(new Distribution(4, 2.5, 1.75, 2.5, 3.25, 1.0, 4.0), summary);
    }

    [Fact]
    public void No_finite_value_gives_the_empty_distribution()
    {
        Assert.Equal(Distribution.Empty, DistributionSummary.Of([]));
        Assert.Equal(Distribution.Empty, DistributionSummary.Of([double.NaN, double.PositiveInfinity]));
        Assert.Null(Distribution.Empty.Mean);
    }

    [Fact]
    public void One_value_is_every_statistic()
    {
        Assert.Equal(new Distribution(1, -0.5, -0.5, -0.5, -0.5, -0.5, -0.5), DistributionSummary.Of([-0.5]));
    }

    [Fact]
    public void Huge_finite_values_have_a_finite_mean()
    {
        var summary = DistributionSummary.Of([double.MaxValue, double.MaxValue]);

        Assert.Equal(double.MaxValue, summary.Mean);
    }
}

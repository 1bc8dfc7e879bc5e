using LocalityLab.Compute.Statistics;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Statistics;

public sealed class PairedDifferenceAndVerdictTests
{
    [Fact]
    public void Pairs_with_a_non_finite_side_are_dropped_and_the_rest_paired_by_index()
    {
        double[] a = [5, double.NaN, 7, 9, 4];
        double[] b = [1, 2, double.NaN, 6, double.PositiveInfinity];

        var difference = PairedDifference.Of(a, b);

        Assert.Equal(MeanInterval.Of([5.0 - 1, 9.0 - 6]), difference);
        Assert.Equal(2, difference.N);
    }

    [Fact]
    public void Sides_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedDifference.Of([1, 2], [1]));
    }

    [Theory]
    [InlineData(1e-300, 1.0, ClaimVerdict.Supported)]
    [InlineData(0.0, 1.0, ClaimVerdict.NotResolved)]
    [InlineData(-1.0, 1.0, ClaimVerdict.NotResolved)]
    [InlineData(-1.0, 0.0, ClaimVerdict.NotResolved)]
    [InlineData(-1.0, -1e-300, ClaimVerdict.Contradicted)]
    [InlineData(0.0, 0.0, ClaimVerdict.NotResolved)]
    [InlineData(double.NaN, double.NaN, ClaimVerdict.NotResolved)]
    public void Verdict_needs_the_whole_interval_strictly_on_one_side_of_zero(double low, double high, ClaimVerdict expected)
    {
        Assert.Equal(expected, Verdicts.From(low, high));
    }

    [Fact]
    public void Verdict_without_an_interval_is_not_resolved()
    {
        Assert.Equal(ClaimVerdict.NotResolved, Verdicts.From(null, null));
        Assert.Equal(ClaimVerdict.NotResolved, Verdicts.From(MeanInterval.Of([3.0])));
        Assert.Equal(ClaimVerdict.NotResolved, Verdicts.From(MeanInterval.Of([])));
    }

    [Fact]
    public void Verdict_of_an_interval_follows_its_ends()
    {
        Assert.Equal(ClaimVerdict.Supported, Verdicts.From(MeanInterval.Of([1.0, 1.1, 0.9])));
        Assert.Equal(ClaimVerdict.Contradicted, Verdicts.From(MeanInterval.Of([-1.0, -1.1, -0.9])));
    }
}

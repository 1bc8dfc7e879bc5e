using LocalityLab.Compute.Measures;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class RankCorrelationTests
{
    // Ranks are exact halves and the sums small, so results are exact up to one rounding: 1e-15.
    private const double Exact = 1e-15;

    [Fact]
    public void A_monotone_but_nonlinear_relation_has_rank_correlation_one()
    {
        double[] a = [0.1, 5, 2, 3, -1];
        var b = a.Select(v => Math.Exp(3 * v)).ToArray();

        Assert.Equal(1.0, RankCorrelation.Spearman(a, b)!.Value, Exact);
        Assert.Equal(-1.0, RankCorrelation.Spearman(a, b.Select(v => -v).ToArray())!.Value, Exact);
    }

    [Fact]
    public void Three_pairs_without_ties_match_the_textbook_formula()
    {
        // Ranks [2, 3, 1] and [3, 1, 2]: rho = 1 - 6 sum d^2 / (n (n^2 - 1)) = 1 - 6 * 6 / 24 = -0.5.
        Assert.Equal(-0.5, RankCorrelation.Spearman([0.2, 0.4, -0.05], [0.5, 0.1, 0.3])!.Value, Exact);
    }

    [Fact]
    public void Ties_share_their_average_rank()
    {
        // a ranks [3.5, 1, 3.5, 2], b ranks [4, 2.5, 2.5, 1]; Pearson of those ranks = 2.25 / 4.5 = 0.5
        // (scipy.stats.spearmanr([0.3, -0.1, 0.3, 0.0], [2, 1, 1, 0.5]) gives 0.5).
        Assert.Equal(0.5, RankCorrelation.Spearman([0.3, -0.1, 0.3, 0.0], [2, 1, 1, 0.5])!.Value, Exact);
        Assert.Equal([3.5, 1, 3.5, 2], RankCorrelation.AverageRanks([0.3, -0.1, 0.3, 0.0]));
    }

    [Fact]
    public void Fewer_than_three_pairs_give_null()
    {
        Assert.Null(RankCorrelation.Spearman([], []));
        Assert.Null(RankCorrelation.Spearman([1.0, 2.0], [2.0, 1.0]));
    }

    [Fact]
    public void A_constant_sample_gives_null()
    {
        Assert.Null(RankCorrelation.Spearman([1.0, 2.0, 3.0, 4.0], [7.0, 7.0, 7.0, 7.0]));
        Assert.Null(RankCorrelation.Spearman([0.5, 0.5, 0.5], [1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Pairs_with_a_non_finite_value_are_left_out()
    {
        Assert.Equal(
            RankCorrelation.Spearman([0.2, 0.4, -0.05], [0.5, 0.1, 0.3]),
            RankCorrelation.Spearman([0.2, double.NaN, 0.4, 9, -0.05], [0.5, 2, 0.1, double.PositiveInfinity, 0.3]));
        Assert.Null(RankCorrelation.Spearman([1.0, double.NaN, 3.0], [1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Samples_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1.0, 2.0, 3.0], [1.0, 2.0]));
    }
}

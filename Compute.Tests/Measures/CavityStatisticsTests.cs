using LocalityLab.Compute.Measures;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class CavityStatisticsTests
{
    // Means and medians of a few short decimals: float64 rounding is ~1e-17, so 1e-15 checks the hand computation.
    private const double Exact = 1e-15;

    [Fact]
    public void Splits_survivors_into_pruned_next_and_kept_and_summarises_each_by_hand()
    {
        const double nan = double.NaN;
        // Three units of four inputs. Pruned next: entries 0, 3, 6. Kept: 1, 4, 5, 7.
        // Left out: 2 (already pruned, even though its numbers are finite), 8-11 (a dead unit: NaN),
        // and nothing else.
        double[] delta = [0.1, -0.3, 9.0, 0.5, 0.2, 0.4, -0.2, 0.1, nan, nan, nan, nan];
        double[] gain = [0.2, -0.1, 9.0, 0.4, 0.3, 0.3, -0.05, 0.0, nan, nan, nan, nan];
        float[] weights = [-0.5f, 1f, 0f, 0.1f, -2f, 1f, 0.3f, 0.5f, 0f, 0f, 0f, 0f];
        byte[] mask = [1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0];
        byte[] prunedNext = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0];
        var map = new CavityMap(3, 4, delta, gain, [0.5, -0.5, nan]);

        var summary = CavityStatistics.Summarize(map, weights, mask, prunedNext);

        // Pruned next: delta [0.1, 0.5, -0.2], gain [0.2, 0.4, -0.05], |w| [0.5, 0.1, 0.3].
        var pruned = summary.PrunedNext;
        Assert.Equal(3, pruned.Count);
        Assert.Equal(0.4 / 3, pruned.MeanDelta!.Value, Exact);
        Assert.Equal(0.1, pruned.MedianDelta!.Value, Exact);
        Assert.Equal(0.55 / 3, pruned.MeanGain!.Value, Exact);
        Assert.Equal(0.2, pruned.MedianGain!.Value, Exact);
        Assert.Equal(2.0 / 3, pruned.FractionPositiveGain!.Value, Exact);
        // Gain ranks [2, 3, 1] against |w| ranks [3, 1, 2]: rho = -0.5.
        Assert.Equal(-0.5, pruned.RankCorrelationWithMagnitude!.Value, Exact);

        // Kept: delta [-0.3, 0.2, 0.4, 0.1], gain [-0.1, 0.3, 0.3, 0.0], |w| [1, 2, 1, 0.5].
        var kept = summary.Kept;
        Assert.Equal(4, kept.Count);
        Assert.Equal(0.1, kept.MeanDelta!.Value, Exact);
        Assert.Equal(0.15, kept.MedianDelta!.Value, Exact);
        Assert.Equal(0.125, kept.MeanGain!.Value, Exact);
        Assert.Equal(0.15, kept.MedianGain!.Value, Exact);
        Assert.Equal(0.5, kept.FractionPositiveGain!.Value, Exact); // a gain of exactly 0 is not positive
        // Ties on both sides: gain ranks [1, 3.5, 3.5, 2], |w| ranks [2.5, 4, 2.5, 1]: rho = 2.25 / 4.5 = 0.5.
        Assert.Equal(0.5, kept.RankCorrelationWithMagnitude!.Value, Exact);
    }

    [Fact]
    public void An_empty_group_has_count_zero_and_only_nulls()
    {
        var map = new CavityMap(1, 3, [0.1, 0.2, 0.3], [0.1, -0.2, 0.3], [1.0]);

        var summary = CavityStatistics.Summarize(map, [1f, 2f, 3f], [1, 1, 1], [0, 0, 0]);

        Assert.Equal(new CavityGroup(0, null, null, null, null, null, null), summary.PrunedNext);
        Assert.Equal(3, summary.Kept.Count);
    }

    [Fact]
    public void Rank_correlation_is_null_for_fewer_than_three_weights_or_equal_magnitudes_while_the_rest_is_reported()
    {
        var map = new CavityMap(1, 5, [0.1, 0.2, 0.3, 0.4, 0.5], [0.1, -0.2, 0.3, 0.4, 0.5], [1.0]);

        var summary = CavityStatistics.Summarize(map, [1f, 2f, -1f, 1f, 1f], [1, 1, 1, 1, 1], [1, 1, 0, 0, 0]);

        Assert.Equal(2, summary.PrunedNext.Count);
        Assert.Null(summary.PrunedNext.RankCorrelationWithMagnitude);
        Assert.Equal(0.15, summary.PrunedNext.MeanDelta!.Value, Exact);
        Assert.Equal(3, summary.Kept.Count);
        Assert.Null(summary.Kept.RankCorrelationWithMagnitude); // |w| = 1, 1, 1
        Assert.Equal(1.0, summary.Kept.FractionPositiveGain);
    }

    [Fact]
    public void No_statistic_is_ever_NaN()
    {
        var map = new CavityMap(2, 2, [double.NaN, double.PositiveInfinity, double.NaN, 0.1], [double.NaN, 1, double.NaN, 0.2], [double.NaN, 0.3]);

        var summary = CavityStatistics.Summarize(map, [0f, 1f, 0f, 1f], [1, 1, 0, 1], [1, 1, 0, 0]);

        Assert.Equal(new CavityGroup(0, null, null, null, null, null, null), summary.PrunedNext);
        Assert.Equal(new CavityGroup(1, 0.1, 0.1, 0.2, 0.2, 1.0, null), summary.Kept);
    }

    [Fact]
    public void Arrays_that_do_not_match_the_map_are_refused()
    {
        var map = new CavityMap(1, 3, [0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [1.0]);

        Assert.Throws<ArgumentException>(() => CavityStatistics.Summarize(map, [1f, 2f], [1, 1, 1], [0, 0, 0]));
    }
}

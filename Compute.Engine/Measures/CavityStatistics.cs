using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Measures;

/// <summary>Are the weights IMP prunes next round the ones whose removal makes the pre-activation more non-Gaussian?</summary>
internal static class CavityStatistics
{
    /// <summary>
    /// Splits the surviving weights (mask == 1) whose Delta and Gain are finite into "pruned next round"
    /// (prunedNext[k * D + i] == 1) and "kept". Per group: Count; mean and median of Delta and of Gain; the fraction
    /// with Gain &gt; 0; Spearman's rank correlation of Gain with |w|. Statistics of an empty group are null, and the
    /// correlation is null with fewer than 3 weights or no variation; never NaN.
    /// </summary>
    /// <param name="weights">The first layer's weights, row-major K x D like the map.</param>
    public static CavitySummary Summarize(CavityMap map, float[] weights, byte[] mask, byte[] prunedNext)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(prunedNext);
        int entries = map.Units * map.Inputs;
        if (map.Delta.Length != entries || map.Gain.Length != entries || weights.Length != entries
            || mask.Length != entries || prunedNext.Length != entries)
        {
            throw new ArgumentException(
                $"The map is {map.Units} x {map.Inputs}; delta, gain, weights, mask and prunedNext must all have {entries} entries.");
        }
        var pruned = new Group();
        var kept = new Group();
        for (int e = 0; e < entries; e++)
        {
            if (mask[e] != 1 || !double.IsFinite(map.Delta[e]) || !double.IsFinite(map.Gain[e]))
            {
                continue;
            }
            (prunedNext[e] == 1 ? pruned : kept).Add(map.Delta[e], map.Gain[e], Math.Abs((double)weights[e]));
        }
        return new CavitySummary(pruned.Summary(), kept.Summary());
    }

    private sealed class Group
    {
        private readonly List<double> delta = [];
        private readonly List<double> gain = [];
        private readonly List<double> magnitude = [];

        public void Add(double d, double g, double m)
        {
            delta.Add(d);
            gain.Add(g);
            magnitude.Add(m);
        }

        public CavityGroup Summary()
        {
            if (delta.Count == 0)
            {
                return new CavityGroup(0, null, null, null, null, null, null);
            }
            var deltas = DistributionSummary.Of(delta);
            var gains = DistributionSummary.Of(gain);
            return new CavityGroup(
                delta.Count,
                deltas.Mean,
                deltas.Median,
                gains.Mean,
                gains.Median,
                gain.Count(g => g > 0) / (double)gain.Count,
                RankCorrelation.Spearman(gain, magnitude));
        }
    }
}

namespace LocalityLab.Compute.Measures;

/// <summary>Rank correlation between two paired samples.</summary>
internal static class RankCorrelation
{
    /// <summary>
    /// Spearman's rho: the Pearson correlation of the two samples' ranks, tied values sharing their average rank
    /// (as scipy.stats.spearmanr). Only pairs where both values are finite count. Null with fewer than 3 such
    /// pairs or when either side's ranks have zero variance (all values tied).
    /// </summary>
    public static double? Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"The samples must be paired: {a.Count} values against {b.Count}.", nameof(b));
        }
        var first = new List<double>(a.Count);
        var second = new List<double>(b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (double.IsFinite(a[i]) && double.IsFinite(b[i]))
            {
                first.Add(a[i]);
                second.Add(b[i]);
            }
        }
        if (first.Count < 3)
        {
            return null;
        }
        return Pearson(AverageRanks(first), AverageRanks(second));
    }

    /// <summary>Ranks 1..n; a run of equal values all get the mean of the ranks they span.</summary>
    internal static double[] AverageRanks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (i, j) => values[i].CompareTo(values[j]));
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int t = start; t <= end; t++)
            {
                ranks[order[t]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double? Pearson(double[] x, double[] y)
    {
        double meanX = x.Average();
        double meanY = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0)
        {
            return null;
        }
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }
}

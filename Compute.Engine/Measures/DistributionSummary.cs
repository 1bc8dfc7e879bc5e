using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Measures;

/// <summary>Summarises a measure over units or weights for the round's JSON and charts.</summary>
internal static class DistributionSummary
{
    /// <summary>
    /// Over the finite values only (NaN and infinities are skipped): count, mean, quartiles by linear interpolation
    /// (NumPy's default percentile), min and max. <see cref="Distribution.Empty"/> when no value is finite.
    /// </summary>
    public static Distribution Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0)
        {
            return Distribution.Empty;
        }
        Array.Sort(sorted);
        return new Distribution(
            sorted.Length,
            Mean(sorted),
            Percentile(sorted, 0.25),
            Percentile(sorted, 0.5),
            Percentile(sorted, 0.75),
            sorted[0],
            sorted[^1]);
    }

    /// <summary>NumPy's 'linear' percentile of an ascending array: the value at position q (n - 1), interpolated.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        double lower = sorted[below];
        double upper = sorted[above];
        double difference = upper - lower;
        // NumPy's _lerp: interpolate from the nearer end, so the result never leaves [lower, upper].
        return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }
        double mean = sum / values.Length;
        if (double.IsFinite(mean))
        {
            return mean;
        }
        // Finite values near double.MaxValue can overflow the sum; their mean is finite, so scale first.
        double scaled = 0;
        foreach (var value in values)
        {
            scaled += value / values.Length;
        }
        return scaled;
    }
}

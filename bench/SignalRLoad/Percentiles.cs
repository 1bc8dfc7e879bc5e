namespace LocalityLab.Bench.SignalRLoad;

/// <summary>Summary of a sample of milliseconds: count, p50, p95, max (percentiles by linear interpolation, as NumPy).</summary>
public sealed record Percentiles(int Count, double P50, double P95, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Percentiles(0, double.NaN, double.NaN, double.NaN)
            : new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), sorted[^1]);
    }

    private static double At(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}

namespace LocalityLab.Bench.Engine;

/// <summary>
/// One timed case: every repetition's value after the warm-ups, and their median. The peer script writes the same
/// shape (bench/peer_pytorch.py), so the report pairs the two by <see cref="Suite"/> and <see cref="Case"/>.
/// </summary>
/// <param name="Unit">What a value is: "steps/s", "samples/s" or "s".</param>
/// <param name="HigherIsBetter">True for throughputs, false for times.</param>
/// <param name="Warmups">Untimed runs before the first timed one.</param>
/// <param name="Details">Numbers that say what was computed (accuracy, medians of measures), not timings to compare.</param>
/// <param name="Note">How the value was obtained, when a reader needs to know.</param>
public sealed record BenchmarkResult(
    string Suite,
    string Case,
    string Unit,
    bool HigherIsBetter,
    int Warmups,
    IReadOnlyList<double> Values,
    IReadOnlyDictionary<string, double>? Details = null,
    string? Note = null)
{
    public int Runs => Values.Count;

    public double Median => MedianOf(Values);

    /// <summary>The middle value; the mean of the two middle ones for an even count (as NumPy's median).</summary>
    public static double MedianOf(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

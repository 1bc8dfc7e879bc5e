namespace LocalityLab.Compute.Statistics;

/// <summary>A paired design's difference: replicate i of one side against replicate i of the other.</summary>
internal static class PairedDifference
{
    /// <summary>
    /// The mean interval of a_i - b_i over the indices where both sides are finite (a NaN side means "not
    /// measured" in that replicate, so the pair is dropped rather than the replicate compared with nothing).
    /// </summary>
    public static MeanInterval Of(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"both sides must have one value per replicate; got {a.Count} and {b.Count}", nameof(b));
        }
        var differences = new List<double>(a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (double.IsFinite(a[i]) && double.IsFinite(b[i]))
            {
                differences.Add(a[i] - b[i]);
            }
        }
        return MeanInterval.Of(differences, confidence);
    }
}

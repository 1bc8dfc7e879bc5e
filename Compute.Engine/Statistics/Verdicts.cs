using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Statistics;

/// <summary>SCIENCE.md: supported where the interval lies above 0, contradicted below 0, not resolved otherwise.</summary>
internal static class Verdicts
{
    /// <summary>An interval touching 0 is not resolved; so is a missing one (fewer than two values).</summary>
    public static ClaimVerdict From(double? low, double? high) => (low, high) switch
    {
        ({ } l, { }) when l > 0 => ClaimVerdict.Supported,
        ({ }, { } h) when h < 0 => ClaimVerdict.Contradicted,
        _ => ClaimVerdict.NotResolved,
    };

    public static ClaimVerdict From(MeanInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return interval.N < 2 ? ClaimVerdict.NotResolved : From(interval.Low, interval.High);
    }

    /// <summary>
    /// A claim that needs two intervals above 0 (C3: pruned minus kept, and the pruned weights' own gain): supported
    /// where both are, contradicted where either lies below 0, not resolved otherwise.
    /// </summary>
    public static ClaimVerdict BothSigns(MeanInterval difference, MeanInterval own)
    {
        var (a, b) = (From(difference), From(own));
        return a == ClaimVerdict.Contradicted || b == ClaimVerdict.Contradicted ? ClaimVerdict.Contradicted
            : a == ClaimVerdict.Supported && b == ClaimVerdict.Supported ? ClaimVerdict.Supported
            : ClaimVerdict.NotResolved;
    }
}

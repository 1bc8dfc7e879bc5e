using System.Globalization;

namespace LocalityLab.Shared.Studies;

/// <summary>The plain-English sentences a researcher reads next to a study's claims.</summary>
public static class ClaimDescriptions
{
    /// <summary>
    /// One sentence: what was compared at which sparsity, the mean difference with its 95% interval and the
    /// number of seeds, and the verdict in words. Numbers carry three significant digits.
    /// </summary>
    public static string Describe(ClaimResult claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string where = $"At {Number(100 * claim.Sparsity)}% sparsity (IMP round {claim.Round.ToString(CultureInfo.InvariantCulture)}), ";
        string what = Compared(claim);
        if (claim.Mean is not { } mean || claim.N == 0)
        {
            return $"{where}{what} was not measured in any seed: {Words(ClaimVerdict.NotResolved)}.";
        }
        string numbers = claim is { Low: { } low, High: { } high, N: >= 2 }
            ? $"{Number(mean)} (95% CI {Number(low)} to {Number(high)}, {claim.N.ToString(CultureInfo.InvariantCulture)} seeds)"
            : $"{Number(mean)} ({claim.N.ToString(CultureInfo.InvariantCulture)} seed, too few for an interval)";
        return $"{where}{what} is {numbers}: {Words(claim.Verdict)}.";
    }

    /// <summary>One sentence of what the claim means; <paramref name="claimId"/> is one of <see cref="StudyClaimIds"/>.</summary>
    public static string Explain(string claimId) => claimId switch
    {
        StudyClaimIds.C1 =>
            "C1: non-Gaussian inputs are needed for IMP's locality, so IMP's units are more local (higher LI) on the data "
            + "than on its Gaussian clone with the same mean and covariance.",
        StudyClaimIds.C2Ngi or StudyClaimIds.C2Kurtosis =>
            $"C2: IMP raises the within-class non-Gaussianity of the pre-activations (here {MeasureName(claimId)}) more than "
            + "a control at the same sparsity does: random pruning, one-shot pruning, or IMP on the Gaussian clone.",
        StudyClaimIds.C3Within or StudyClaimIds.C3Mixture =>
            $"C3: the weights IMP prunes next are the ones whose removal raises non-Gaussianity, so their {MeasureName(claimId)} "
            + "is higher than that of the weights it keeps.",
        _ => throw new ArgumentException($"claimId must be one of {string.Join(", ", StudyClaimIds.All)}; got '{claimId}'", nameof(claimId)),
    };

    private static string Compared(ClaimResult claim) => claim.Id switch
    {
        StudyClaimIds.C1 => "IMP's locality index (LI) on the data minus on its Gaussian clone",
        StudyClaimIds.C2Ngi or StudyClaimIds.C2Kurtosis => $"{MeasureName(claim.Id)} after IMP minus {Control(claim.Against)}",
        StudyClaimIds.C3Within or StudyClaimIds.C3Mixture =>
            $"the {MeasureName(claim.Id)} of the weights IMP prunes next minus that of the weights it keeps",
        _ => $"{claim.Measure} of {claim.Condition} minus {claim.Against}",
    };

    private static string MeasureName(string claimId) => claimId switch
    {
        StudyClaimIds.C2Ngi => "within-class non-Gaussianity (NGI)",
        StudyClaimIds.C2Kurtosis => "within-class |excess kurtosis|",
        StudyClaimIds.C3Within => "within-class cavity gain",
        StudyClaimIds.C3Mixture => "mixture cavity gain",
        _ => claimId,
    };

    private static string Control(string against) => against switch
    {
        "randomPruning" => "after random pruning to the same sparsity",
        "oneShot" => "after one-shot pruning to the same sparsity",
        "gaussianClone" => "after IMP on the Gaussian clone",
        _ => against,
    };

    /// <summary>A verdict in words: "supported", "contradicted" or "not resolved".</summary>
    public static string Words(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Supported => "supported",
        ClaimVerdict.Contradicted => "contradicted",
        _ => "not resolved",
    };

    /// <summary>Three significant digits, never in exponent form (LI differences can be in the tens).</summary>
    private static string Number(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 12);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}

namespace LocalityLab.Shared.Studies;

/// <summary>The ids of the claims a study checks (SCIENCE.md, "Statistics: what a claim needs").</summary>
public static class StudyClaimIds
{
    /// <summary>Locality index on the data minus on its Gaussian clone.</summary>
    public const string C1 = "C1";

    /// <summary>Raw spread on the clone minus on the data (positive: more compact on the data); C1's raw companion, not sparsity-corrected.</summary>
    public const string C1Spread = "C1.spread";

    /// <summary>Within-class non-Gaussianity (NGI) on IMP minus on a control.</summary>
    public const string C2Ngi = "C2.ngi";

    /// <summary>Within-class |excess kurtosis| on IMP minus on a control.</summary>
    public const string C2Kurtosis = "C2.kurtosis";

    /// <summary>Within-class cavity gain of the weights pruned next minus of those kept.</summary>
    public const string C3Within = "C3.within";

    /// <summary>Mixture cavity gain of the weights pruned next minus of those kept.</summary>
    public const string C3Mixture = "C3.mixture";

    /// <summary>The <see cref="ClaimResult.Against"/> of a C3 claim: the weights kept at the next pruning.</summary>
    public const string Kept = "kept";

    public static IReadOnlyList<string> All { get; } = [C1, C1Spread, C2Kurtosis, C2Ngi, C3Mixture, C3Within];
}

namespace LocalityLab.Shared.Studies;

/// <summary>
/// One claim checked at one round: the mean over replicates of a paired difference (predicted sign positive)
/// with its 95% t-interval, its growth since round 0, or for C3 the one-sample interval of IMP's pruned-minus-kept
/// values with the checks its verdict also reads.
/// </summary>
/// <param name="Id">One of <see cref="StudyClaimIds"/>.</param>
/// <param name="Measure">The <see cref="StudyMeasures"/> key compared.</param>
/// <param name="Condition">The side the prediction favours (IMP).</param>
/// <param name="Against">A <see cref="StudyCondition"/> name in camelCase ("oneShot", "randomPruning",
/// "gaussianClone"), or <see cref="StudyClaimIds.Kept"/> for C3.</param>
/// <param name="Round">IMP's round.</param>
/// <param name="Sparsity">Mean sparsity of IMP's replicates at that round.</param>
/// <param name="N">Pairs (replicates) with both sides finite.</param>
public sealed record ClaimResult(
    string Id, string Measure, StudyCondition Condition, string Against, int Round, double Sparsity,
    double? Mean, double? Low, double? High, int N, ClaimVerdict Verdict)
{
    /// <summary>The gap at <see cref="Round"/> (at round 0: before pruning), or its growth since round 0.</summary>
    public ClaimComparison Comparison { get; init; } = ClaimComparison.Gap;

    /// <summary>The further intervals the verdict reads (C3: the pruned weights' own gain, the clone's same test).</summary>
    public IReadOnlyList<ClaimCheck> Checks { get; init; } = [];

    /// <summary>The check of a kind, or null when the claim has none.</summary>
    public ClaimCheck? Check(ClaimCheckKind kind) => Checks.FirstOrDefault(c => c.Kind == kind);
}

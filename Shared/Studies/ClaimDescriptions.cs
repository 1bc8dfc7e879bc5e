using System.Globalization;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// The plain-English sentences a researcher reads next to a study's claims (SCIENCE.md, "Wording a claim"): the
/// effect's sign in words before the verdict, no direction claimed where the interval includes 0, round 0 as "before
/// pruning" and growth as "under pruning", and C3 worded from both the pruned weights' own gain and the difference.
/// </summary>
public static class ClaimDescriptions
{
    /// <summary>
    /// One sentence: what was compared at which sparsity, the effect's direction and size with its 95% interval and the
    /// number of seeds, and the finding in words. Numbers carry three significant digits.
    /// </summary>
    public static string Describe(ClaimResult claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string when = When(claim);
        if (claim.Id is StudyClaimIds.C3Within or StudyClaimIds.C3Mixture)
        {
            return when + Cavity(claim);
        }
        var sides = Sides(claim);
        if (claim.Mean is not { } mean || claim.N == 0)
        {
            return $"{when}{sides.Difference} was not measured in any seed: {Words(ClaimVerdict.NotResolved)}.";
        }
        string interval = Interval(claim.Low, claim.High, claim.N);
        string body = claim.Comparison == ClaimComparison.Growth
            ? claim.Verdict switch
            {
                ClaimVerdict.Supported => $"the gap ({sides.Difference}) grew by {Number(Math.Abs(mean))} {interval}",
                ClaimVerdict.Contradicted => $"the gap ({sides.Difference}) shrank by {Number(Math.Abs(mean))} {interval}",
                _ => $"the gap ({sides.Difference}) changed by {Number(mean)} on average {interval}{IncludesZero(claim)}",
            }
            : claim.Verdict switch
            {
                ClaimVerdict.Supported => $"{sides.Subject} {sides.Above} {sides.Comparator} by {Number(Math.Abs(mean))} {interval}",
                ClaimVerdict.Contradicted => $"{sides.Subject} {sides.Below} {sides.Comparator} by {Number(Math.Abs(mean))} {interval}",
                _ when claim is { Mean: 0, Low: 0, High: 0 } => $"{sides.Subject} equals {sides.Comparator} in every seed",
                _ => $"{sides.Difference} is {Number(mean)} on average {interval}{IncludesZero(claim)}",
            };
        return $"{when}{body}: {Finding(claim)}.";
    }

    /// <summary>
    /// One sentence of what the claim means, without its id (the table's header puts the id before it); <paramref name="claimId"/>
    /// is one of <see cref="StudyClaimIds"/>.
    /// </summary>
    public static string Explain(string claimId) => claimId switch
    {
        StudyClaimIds.C1 =>
            "Non-Gaussian inputs are needed for IMP's locality, so IMP's units are more local (higher LI) on the data "
            + "than on its Gaussian clone with the same mean and covariance.",
        StudyClaimIds.C1Spread =>
            "The raw counterpart of C1: IMP's receptive fields are more compact (lower spread) on the data than on its Gaussian clone; spread "
            + "falls with sparsity alone, so read it beside C1's LI, which accounts for sparsity.",
        StudyClaimIds.C2Ngi or StudyClaimIds.C2Kurtosis =>
            $"IMP raises the within-class non-Gaussianity of the pre-activations (here {MeasureName(claimId)}) more than "
            + "a control at the same sparsity does: random pruning, one-shot pruning, or IMP on the Gaussian clone.",
        StudyClaimIds.C3Within or StudyClaimIds.C3Mixture =>
            $"IMP prunes the weights whose removal raises non-Gaussianity, so the weights it prunes next have a positive {MeasureName(claimId)} "
            + "above that of the weights it keeps, and the Gaussian clone does not show the same.",
        _ => throw new ArgumentException($"claimId must be one of {string.Join(", ", StudyClaimIds.All)}; got '{claimId}'", nameof(claimId)),
    };

    /// <summary>
    /// The plain line for a raw measure and its null-corrected index that give opposite verdicts for one control and round.
    /// </summary>
    public static string Disagreement(ClaimResult raw, ClaimResult corrected)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(corrected);
        string what = raw.Comparison == ClaimComparison.Growth ? "growth since round 0" : raw.Round == 0 ? "before pruning" : "gap";
        return $"IMP round {Whole(raw.Round)} against {Control(raw.Against)} ({what}): {MeasureName(raw.Id)} says {Words(raw.Verdict)} "
            + $"({Number(raw.Mean)}, 95% CI {Number(raw.Low)} to {Number(raw.High)}) but {MeasureName(corrected.Id)} says "
            + $"{Words(corrected.Verdict)} ({Number(corrected.Mean)}, 95% CI {Number(corrected.Low)} to {Number(corrected.High)}); "
            + $"they disagree, and {MeasureName(corrected.Id)} is the one that accounts for sparsity.";
    }

    /// <summary>A verdict in words.</summary>
    public static string Words(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Supported => "supported",
        ClaimVerdict.Contradicted => "contradicted",
        ClaimVerdict.NotSpecific => "not evidence (the Gaussian clone shows the same)",
        _ => "not resolved",
    };

    /// <summary>
    /// What the row found, in the words SCIENCE.md asks for: a round-0 gap is "present before pruning", a growth
    /// "grows under pruning"; either is "not resolved" where its interval includes 0.
    /// </summary>
    public static string Finding(ClaimResult claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return (claim.Comparison, claim.Round, claim.Verdict) switch
        {
            (ClaimComparison.Growth, _, ClaimVerdict.Supported) => "grows under pruning",
            (ClaimComparison.Growth, _, ClaimVerdict.Contradicted) => "shrinks under pruning",
            (ClaimComparison.Gap, 0, ClaimVerdict.Supported) when !IsCavity(claim) => "present before pruning",
            (ClaimComparison.Gap, 0, ClaimVerdict.Contradicted) when !IsCavity(claim) => "reversed before pruning",
            (_, _, var verdict) => Words(verdict),
        };
    }

    /// <summary>A claim's number as every page and the terminal print it: three significant digits, "–" for none.</summary>
    public static string Number(double? value) => SignificantDigits.Format(value, "–");

    private static bool IsCavity(ClaimResult claim) => claim.Id is StudyClaimIds.C3Within or StudyClaimIds.C3Mixture;

    private static string When(ClaimResult claim) => claim.Comparison == ClaimComparison.Growth
        ? $"From round 0 to IMP round {Whole(claim.Round)} ({Percent(claim.Sparsity)} sparsity), "
        : claim.Round == 0 && !IsCavity(claim)
            ? "Before pruning (round 0, the trained dense network), "
            : $"At {Percent(claim.Sparsity)} sparsity (IMP round {Whole(claim.Round)}), ";

    /// <summary>C3 in words from both signs: the pruned weights' own gain, then pruned minus kept, then the clone's same test.</summary>
    private static string Cavity(ClaimResult claim)
    {
        string kind = claim.Id == StudyClaimIds.C3Within ? "within-class" : "mixture";
        if (claim.Mean is not { } difference || claim.N == 0)
        {
            return $"the {kind} cavity gain of the weights IMP prunes next was not measured in any seed: {Words(ClaimVerdict.NotResolved)}.";
        }
        string gain = claim.Check(ClaimCheckKind.PrunedGain) is { Mean: { } g } pruned
            ? pruned.Verdict switch
            {
                ClaimVerdict.Supported => $"removing a weight IMP prunes next raises the {kind} non-Gaussianity |k| by {Number(g)} on average {Interval(pruned.Low, pruned.High, pruned.N)}",
                ClaimVerdict.Contradicted => $"removing a weight IMP prunes next lowers the {kind} non-Gaussianity |k| by {Number(-g)} on average {Interval(pruned.Low, pruned.High, pruned.N)}",
                _ => $"removing a weight IMP prunes next changes the {kind} non-Gaussianity |k| by {Number(g)} on average {Interval(pruned.Low, pruned.High, pruned.N)}, an interval that includes 0",
            }
            : $"the {kind} cavity gain of the weights IMP prunes next on their own was not measured";
        string interval = Interval(claim.Low, claim.High, claim.N);
        // Said of where |k| ends up, not of the gain's verb: a pruned weight whose removal lowers |k| by less than a kept
        // one's does leaves it higher, which "lowers ... more than" would have turned around.
        string relative = (claim.Low, claim.High, claim.N) switch
        {
            ({ } low, _, >= 2) when low > 0 => $"which leaves |k| higher than removing one it keeps does (pruned minus kept {Number(difference)} {interval})",
            (_, { } high, >= 2) when high < 0 => $"which leaves |k| lower than removing one it keeps does (pruned minus kept {Number(difference)} {interval})",
            _ => $"which leaves |k| about where removing one it keeps does (pruned minus kept {Number(difference)} {interval}, an interval that includes 0)",
        };
        string clone = claim.Check(ClaimCheckKind.Clone) is { } c
            ? $"; on the Gaussian clone the same test is {Words(c.Verdict)} (pruned minus kept {Number(c.Mean)} {Interval(c.Low, c.High, c.N)})"
              + (claim.Check(ClaimCheckKind.VersusClone) is { } v
                  ? $" and the data's margin over the clone is {Number(v.Mean)} {Interval(v.Low, v.High, v.N)}"
                  : "")
            : "";
        return $"{gain}, {relative}{clone}: {Words(claim.Verdict)}.";
    }

    /// <summary>The two sides of a paired claim as noun phrases, and the verbs for a positive and a negative effect.</summary>
    private static ClaimSides Sides(ClaimResult claim) => claim.Id switch
    {
        StudyClaimIds.C1 => new("IMP's locality index (LI) on the data", "its LI on the Gaussian clone", "exceeds", "falls below",
            "IMP's LI on the data minus on its Gaussian clone"),
        // The predicted sign is positive for clone minus data: lower spread is more compact.
        StudyClaimIds.C1Spread => new("IMP's raw spread on the data", "its raw spread on the Gaussian clone", "is below", "exceeds",
            "IMP's raw spread on the Gaussian clone minus on the data"),
        StudyClaimIds.C2Ngi or StudyClaimIds.C2Kurtosis => new($"IMP's {MeasureName(claim.Id)}",
            claim.Against == "gaussianClone" ? "that of IMP on the Gaussian clone" : $"{Control(claim.Against)}'s at the same sparsity", "exceeds", "falls below", $"IMP's {MeasureName(claim.Id)} minus {Control(claim.Against)}'s"),
        _ => new($"{claim.Condition}'s {claim.Measure}", $"{claim.Against}'s", "exceeds", "falls below",
            $"{claim.Measure} of {claim.Condition} minus {claim.Against}"),
    };

    private static string MeasureName(string claimId) => claimId switch
    {
        StudyClaimIds.C1 => "LI",
        StudyClaimIds.C1Spread => "raw spread",
        StudyClaimIds.C2Ngi => "within-class non-Gaussianity (NGI)",
        StudyClaimIds.C2Kurtosis => "within-class |excess kurtosis|",
        StudyClaimIds.C3Within => "within-class cavity gain",
        StudyClaimIds.C3Mixture => "mixture cavity gain",
        _ => claimId,
    };

    private static string Control(string against) => against switch
    {
        "randomPruning" => "random pruning",
        "oneShot" => "one-shot pruning",
        "gaussianClone" => "the Gaussian clone",
        _ => against,
    };

    private static string Interval(double? low, double? high, int n) => (low, high, n) switch
    {
        ({ } l, { } h, >= 2) => $"(95% CI {Number(l)} to {Number(h)}, {Whole(n)} seeds)",
        _ => $"({Whole(n)} seed{(n == 1 ? "" : "s")}, too few for an interval)",
    };

    private static string IncludesZero(ClaimResult claim) => claim.N >= 2 ? ", an interval that includes 0" : "";

    private static string Percent(double fraction) => fraction == 0 ? "0%" : SignificantDigits.Format(100 * fraction, "–") + "%";

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private readonly record struct ClaimSides(string Subject, string Comparator, string Above, string Below, string Difference);
}

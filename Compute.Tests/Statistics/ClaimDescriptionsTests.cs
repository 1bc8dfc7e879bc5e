using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Statistics;

public sealed class ClaimDescriptionsTests
{
    [Fact]
    public void C1_sentence_states_the_sparsity_the_comparison_the_interval_the_seeds_and_the_verdict()
    {
        var claim = new ClaimResult("C1", StudyMeasures.LocalityIndex, StudyCondition.Imp, "gaussianClone", 8, 0.9424,
            1.25, 0.75, 1.75, 8, ClaimVerdict.Supported);

        Assert.Equal(
            "At 94.2% sparsity (IMP round 8), IMP's locality index (LI) on the data minus on its Gaussian clone "
            + "is 1.25 (95% CI 0.75 to 1.75, 8 seeds): supported.",
            ClaimDescriptions.Describe(claim));
    }

    [Theory]
    [InlineData("C2.ngi", "randomPruning", ClaimVerdict.Contradicted, "random pruning", "contradicted.")]
    [InlineData("C2.kurtosis", "oneShot", ClaimVerdict.NotResolved, "one-shot pruning", "not resolved.")]
    [InlineData("C3.within", "kept", ClaimVerdict.Supported, "prunes next", "supported.")]
    public void Every_claim_sentence_names_the_control_the_interval_numbers_and_the_verdict_word(
        string id, string against, ClaimVerdict verdict, string control, string ending)
    {
        var claim = new ClaimResult(id, "m", StudyCondition.Imp, against, 3, 0.488, -0.0123, -0.0456, 0.0211, 12, verdict);

        string sentence = ClaimDescriptions.Describe(claim);

        Assert.Contains(control, sentence, StringComparison.Ordinal);
        Assert.Contains("-0.0123 (95% CI -0.0456 to 0.0211, 12 seeds)", sentence, StringComparison.Ordinal);
        Assert.StartsWith("At 48.8% sparsity (IMP round 3), ", sentence, StringComparison.Ordinal);
        Assert.EndsWith(ending, sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void One_seed_is_said_to_be_too_few_for_an_interval()
    {
        var claim = new ClaimResult("C2.ngi", "m", StudyCondition.Imp, "gaussianClone", 2, 0.36, 0.5, null, null, 1, ClaimVerdict.NotResolved);

        Assert.EndsWith("is 0.5 (1 seed, too few for an interval): not resolved.", ClaimDescriptions.Describe(claim), StringComparison.Ordinal);
    }

    [Fact]
    public void No_seed_is_said_to_be_not_measured()
    {
        var claim = new ClaimResult("C3.mixture", "m", StudyCondition.Imp, "kept", 0, 0, null, null, null, 0, ClaimVerdict.NotResolved);

        Assert.EndsWith("was not measured in any seed: not resolved.", ClaimDescriptions.Describe(claim), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_claim_id_has_a_one_sentence_explanation()
    {
        Assert.Contains("non-Gaussian inputs are needed for IMP's locality", ClaimDescriptions.Explain("C1"), StringComparison.Ordinal);
        Assert.Contains("IMP raises", ClaimDescriptions.Explain("C2.ngi"), StringComparison.Ordinal);
        Assert.Contains("|excess kurtosis|", ClaimDescriptions.Explain("C2.kurtosis"), StringComparison.Ordinal);
        Assert.Contains("prunes next are the ones whose removal raises non-Gaussianity", ClaimDescriptions.Explain("C3.within"), StringComparison.Ordinal);
        Assert.All(StudyClaimIds.All, id => Assert.Single(ClaimDescriptions.Explain(id).Split(". ")));
    }

    [Fact]
    public void An_unknown_claim_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClaimDescriptions.Explain("C4"));
    }
}

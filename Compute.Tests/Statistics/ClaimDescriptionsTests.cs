using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Statistics;

/// <summary>SCIENCE.md, "Wording a claim": the sign in words before the verdict, never a direction an interval does not resolve.</summary>
public sealed class ClaimDescriptionsTests
{
    private static ClaimResult Claim(string id, string against, int round, double? mean, double? low, double? high, int n, ClaimVerdict verdict,
        ClaimComparison comparison = ClaimComparison.Gap) =>
        new ClaimResult(id, "m", StudyCondition.Imp, against, round, 0.9424, mean, low, high, n, verdict) { Comparison = comparison };

    [Fact]
    public void A_supported_C1_says_the_data_exceeds_the_clone_by_how_much()
    {
        var claim = Claim("C1", "gaussianClone", 8, 0.31, 0.12, 0.5, 8, ClaimVerdict.Supported);

        Assert.Equal(
            "At 94.2% sparsity (IMP round 8), IMP's locality index (LI) on the data exceeds its LI on the Gaussian clone "
            + "by 0.310 (95% CI 0.120 to 0.500, 8 seeds): supported.",
            ClaimDescriptions.Describe(claim));
    }

    [Fact]
    public void A_contradicted_claim_says_the_data_falls_below_by_the_size_of_the_effect()
    {
        var claim = Claim("C2.ngi", "randomPruning", 3, -0.0123, -0.0456, -0.00211, 12, ClaimVerdict.Contradicted);

        Assert.Equal(
            "At 94.2% sparsity (IMP round 3), IMP's within-class non-Gaussianity (NGI) falls below random pruning's at the same sparsity "
            + "by 0.0123 (95% CI -0.0456 to -0.00211, 12 seeds): contradicted.",
            ClaimDescriptions.Describe(claim));
    }

    [Fact]
    public void An_unresolved_claim_names_no_direction_and_says_its_interval_includes_zero()
    {
        var claim = Claim("C2.kurtosis", "oneShot", 8, 0.05, -0.1, 0.2, 8, ClaimVerdict.NotResolved);

        string sentence = ClaimDescriptions.Describe(claim);

        Assert.DoesNotContain("exceeds", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("falls below", sentence, StringComparison.Ordinal);
        Assert.EndsWith(
            "IMP's within-class |excess kurtosis| minus one-shot pruning's is 0.0500 on average (95% CI -0.100 to 0.200, 8 seeds), "
            + "an interval that includes 0: not resolved.", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_spread_is_predicted_lower_on_the_data_and_worded_so()
    {
        var claim = Claim("C1.spread", "gaussianClone", 8, 0.03, 0.01, 0.05, 8, ClaimVerdict.Supported);

        Assert.Contains("IMP's raw spread on the data is below its raw spread on the Gaussian clone by 0.0300", ClaimDescriptions.Describe(claim),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_round_0_gap_is_present_before_pruning_and_a_growth_grows_under_pruning()
    {
        var dense = Claim("C1", "gaussianClone", 0, 0.28, 0.1, 0.46, 8, ClaimVerdict.Supported);
        var growth = Claim("C1", "gaussianClone", 8, -0.2, -0.5, 0.1, 8, ClaimVerdict.NotResolved, ClaimComparison.Growth);
        var grew = growth with { Mean = 0.4, Low = 0.2, High = 0.6, Verdict = ClaimVerdict.Supported };

        Assert.Equal(
            "Before pruning (round 0, the trained dense network), IMP's locality index (LI) on the data exceeds its LI on the Gaussian clone "
            + "by 0.280 (95% CI 0.100 to 0.460, 8 seeds): present before pruning.", ClaimDescriptions.Describe(dense));
        Assert.Equal(
            "From round 0 to IMP round 8 (94.2% sparsity), the gap (IMP's LI on the data minus on its Gaussian clone) changed by -0.200 "
            + "on average (95% CI -0.500 to 0.100, 8 seeds), an interval that includes 0: not resolved.", ClaimDescriptions.Describe(growth));
        Assert.EndsWith("grew by 0.400 (95% CI 0.200 to 0.600, 8 seeds): grows under pruning.", ClaimDescriptions.Describe(grew), StringComparison.Ordinal);
        Assert.Equal("shrinks under pruning", ClaimDescriptions.Finding(grew with { Verdict = ClaimVerdict.Contradicted }));
    }

    [Fact]
    public void A_control_that_starts_from_imps_dense_network_equals_it_before_pruning()
    {
        var claim = Claim("C2.ngi", "randomPruning", 0, 0, 0, 0, 8, ClaimVerdict.NotResolved);

        Assert.Equal(
            "Before pruning (round 0, the trained dense network), IMP's within-class non-Gaussianity (NGI) equals random pruning's at the "
            + "same sparsity in every seed: not resolved.", ClaimDescriptions.Describe(claim));
    }

    [Fact]
    public void C3_with_a_negative_pruned_gain_is_worded_from_both_signs_and_contradicted()
    {
        // The case: pruned minus kept is positive, but removing the pruned weights lowers non-Gaussianity.
        var claim = Claim("C3.mixture", "kept", 3, 0.0239, 0.0155, 0.0322, 8, ClaimVerdict.Contradicted) with
        {
            Checks = [new ClaimCheck(ClaimCheckKind.PrunedGain, -0.012, -0.015, -0.009, 8, ClaimVerdict.Contradicted)],
        };

        // Removing a kept weight lowers |k| by 0.012 + 0.0239 = 0.0359, more than a pruned one does: the pruned weight leaves
        // |k| higher, and the sentence must not say it lowers |k| "more than" a kept one.
        Assert.Equal(
            "At 94.2% sparsity (IMP round 3), removing a weight IMP prunes next lowers the mixture non-Gaussianity |k| by 0.0120 on average "
            + "(95% CI -0.0150 to -0.00900, 8 seeds), which leaves |k| higher than removing one it keeps does (pruned minus kept 0.0239 "
            + "(95% CI 0.0155 to 0.0322, 8 seeds)): contradicted.", ClaimDescriptions.Describe(claim));
    }

    [Fact]
    public void C3_with_a_positive_pruned_gain_below_the_kept_ones_says_it_leaves_k_lower()
    {
        // Removing a pruned weight raises |k| by 0.004; removing a kept one raises it by 0.004 + 0.006 = 0.010.
        var claim = Claim("C3.within", "kept", 2, -0.006, -0.009, -0.003, 8, ClaimVerdict.Contradicted) with
        {
            Checks = [new ClaimCheck(ClaimCheckKind.PrunedGain, 0.004, 0.002, 0.006, 8, ClaimVerdict.Supported)],
        };

        string sentence = ClaimDescriptions.Describe(claim);

        Assert.Contains("raises the within-class non-Gaussianity |k| by 0.00400", sentence, StringComparison.Ordinal);
        Assert.Contains("which leaves |k| lower than removing one it keeps does (pruned minus kept -0.00600", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("less than removing", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void C3_that_the_clone_also_passes_is_said_to_be_no_evidence()
    {
        var claim = Claim("C3.within", "kept", 2, 0.02, 0.01, 0.03, 8, ClaimVerdict.NotSpecific) with
        {
            Checks =
            [
                new ClaimCheck(ClaimCheckKind.PrunedGain, 0.004, 0.002, 0.006, 8, ClaimVerdict.Supported),
                new ClaimCheck(ClaimCheckKind.Clone, 0.018, 0.008, 0.028, 8, ClaimVerdict.Supported),
                new ClaimCheck(ClaimCheckKind.VersusClone, 0.002, -0.01, 0.014, 8, ClaimVerdict.NotResolved),
            ],
        };

        string sentence = ClaimDescriptions.Describe(claim);

        Assert.Contains("raises the within-class non-Gaussianity |k| by 0.00400", sentence, StringComparison.Ordinal);
        Assert.Contains("on the Gaussian clone the same test is supported (pruned minus kept 0.0180", sentence, StringComparison.Ordinal);
        Assert.Contains("the data's margin over the clone is 0.00200 (95% CI -0.0100 to 0.0140, 8 seeds)", sentence, StringComparison.Ordinal);
        Assert.EndsWith(": not evidence (the Gaussian clone shows the same).", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("supported.", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void One_seed_is_said_to_be_too_few_for_an_interval()
    {
        var claim = Claim("C2.ngi", "gaussianClone", 2, 0.5, null, null, 1, ClaimVerdict.NotResolved);

        Assert.EndsWith("is 0.500 on average (1 seed, too few for an interval): not resolved.", ClaimDescriptions.Describe(claim), StringComparison.Ordinal);
    }

    [Fact]
    public void No_seed_is_said_to_be_not_measured()
    {
        var claim = Claim("C3.mixture", "kept", 0, null, null, null, 0, ClaimVerdict.NotResolved);

        Assert.EndsWith("was not measured in any seed: not resolved.", ClaimDescriptions.Describe(claim), StringComparison.Ordinal);
    }

    [Fact]
    public void A_disagreement_prints_both_and_says_which_accounts_for_sparsity()
    {
        var raw = Claim("C2.kurtosis", "randomPruning", 8, 0.265, 0.216, 0.315, 8, ClaimVerdict.Supported);
        var corrected = Claim("C2.ngi", "randomPruning", 8, -2.52, -3.21, -1.84, 8, ClaimVerdict.Contradicted);

        Assert.Equal(
            "IMP round 8 against random pruning (gap): within-class |excess kurtosis| says supported (0.265, 95% CI 0.216 to 0.315) but "
            + "within-class non-Gaussianity (NGI) says contradicted (-2.52, 95% CI -3.21 to -1.84); they disagree, and within-class "
            + "non-Gaussianity (NGI) is the one that accounts for sparsity.", ClaimDescriptions.Disagreement(raw, corrected));
    }

    [Fact]
    public void Every_claim_id_has_a_one_sentence_explanation()
    {
        Assert.Contains("Non-Gaussian inputs are needed for IMP's locality", ClaimDescriptions.Explain("C1"), StringComparison.Ordinal);
        Assert.Contains("accounts for sparsity", ClaimDescriptions.Explain("C1.spread"), StringComparison.Ordinal);
        Assert.Contains("IMP raises", ClaimDescriptions.Explain("C2.ngi"), StringComparison.Ordinal);
        Assert.Contains("|excess kurtosis|", ClaimDescriptions.Explain("C2.kurtosis"), StringComparison.Ordinal);
        Assert.Contains("the Gaussian clone does not show the same", ClaimDescriptions.Explain("C3.within"), StringComparison.Ordinal);
        Assert.All(StudyClaimIds.All, id => Assert.Single(ClaimDescriptions.Explain(id).Split(". ")));
    }

    [Fact]
    public void An_unknown_claim_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClaimDescriptions.Explain("C4"));
    }

    [Theory]
    [InlineData(1.004, "1.00")]
    [InlineData(1.0, "1.00")]
    [InlineData(0.0, "0.00")]
    [InlineData(-0.012345, "-0.0123")]
    [InlineData(9.996, "10.0")]
    [InlineData(0.0009996, "0.00100")]
    [InlineData(12345.0, "12300")]
    [InlineData(94.24, "94.2")]
    public void Numbers_keep_three_significant_digits_with_trailing_zeros(double value, string expected)
    {
        Assert.Equal(expected, SignificantDigits.Format(value));
    }
}

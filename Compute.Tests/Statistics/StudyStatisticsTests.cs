using LocalityLab.Compute.Statistics;
using LocalityLab.Shared.Studies;
using MathNet.Numerics.Distributions;

namespace LocalityLab.Compute.Tests.Statistics;

public sealed class StudyStatisticsTests
{
    /// <summary>Reference and code do the same float64 arithmetic on six values of size at most about 12.</summary>
    private const double Tolerance = 1e-12;

    private static readonly SyntheticStudy Study = new();
    private static readonly StudySummary Summary = StudyStatistics.Summarize(Study.Observations, SyntheticStudy.PruningRounds);

    [Fact]
    public void Claims_are_exactly_the_expected_rows_ordered_by_id_against_comparison_and_round()
    {
        const ClaimComparison Gap = ClaimComparison.Gap, Growth = ClaimComparison.Growth;
        (string, string, ClaimComparison, int)[] TrunkRows(string id) =>
        [
            (id, "gaussianClone", Gap, 0), (id, "gaussianClone", Gap, 1), (id, "gaussianClone", Gap, 2), (id, "gaussianClone", Gap, 3),
            (id, "gaussianClone", Growth, 1), (id, "gaussianClone", Growth, 2), (id, "gaussianClone", Growth, 3),
        ];
        (string, string, ClaimComparison, int)[] C2Rows(string id) =>
        [
            .. TrunkRows(id),
            (id, "oneShot", Gap, 0), (id, "oneShot", Gap, 3), (id, "oneShot", Growth, 3),
            (id, "randomPruning", Gap, 0), (id, "randomPruning", Gap, 1), (id, "randomPruning", Gap, 2),
            (id, "randomPruning", Growth, 1), (id, "randomPruning", Growth, 2),
        ];
        (string, string, ClaimComparison, int)[] expected =
        [
            .. TrunkRows("C1"), .. TrunkRows("C1.spread"), .. C2Rows("C2.kurtosis"), .. C2Rows("C2.ngi"),
            ("C3.mixture", "kept", Gap, 0), ("C3.mixture", "kept", Gap, 1), ("C3.mixture", "kept", Gap, 2),
            ("C3.within", "kept", Gap, 0), ("C3.within", "kept", Gap, 1), ("C3.within", "kept", Gap, 2),
        ];

        Assert.Equal(expected, Summary.Claims.Select(c => (c.Id, c.Against, c.Comparison, c.Round)));
        Assert.All(Summary.Claims, c => Assert.Equal(StudyCondition.Imp, c.Condition));
    }

    [Fact]
    public void Every_claim_equals_a_slow_paired_computation_by_plain_loops()
    {
        foreach (var claim in Summary.Claims)
        {
            var (againstCondition, againstRound) = claim.Against switch
            {
                "kept" => ((StudyCondition?)null, -1),
                "oneShot" => (StudyCondition.OneShot, claim.Round == 0 ? 0 : 1),
                "randomPruning" => (StudyCondition.RandomPruning, claim.Round),
                "gaussianClone" => (StudyCondition.GaussianClone, claim.Round),
                _ => throw new InvalidOperationException(claim.Against),
            };
            // Raw spread is predicted lower on the data: its claim is the control minus IMP.
            double sign = claim.Id == StudyClaimIds.C1Spread ? -1 : 1;
            double Gap(int r, int impRound, int controlRound)
            {
                double imp = Study.Value(StudyCondition.Imp, r, impRound, claim.Measure);
                double other = againstCondition is { } c ? Study.Value(c, r, controlRound, claim.Measure) : 0;
                return sign * (imp - other);
            }
            var differences = new List<double>();
            for (int r = 0; r < SyntheticStudy.Replicates; r++)
            {
                double value = claim.Comparison == ClaimComparison.Growth
                    ? Gap(r, claim.Round, againstRound) - Gap(r, 0, 0)
                    : Gap(r, claim.Round, againstRound);
                if (!double.IsNaN(value))
                {
                    differences.Add(value);
                }
            }
            var (mean, low, high) = SlowInterval(differences);

            Assert.Equal(differences.Count, claim.N);
            AssertClose(mean, claim.Mean);
            AssertClose(low, claim.Low);
            AssertClose(high, claim.High);
            Assert.Equal(SlowImpSparsity(claim.Round), claim.Sparsity, Tolerance);
            if (claim.Against != StudyClaimIds.Kept)
            {
                Assert.Equal(
                    low > 0 ? ClaimVerdict.Supported : high < 0 ? ClaimVerdict.Contradicted : ClaimVerdict.NotResolved,
                    claim.Verdict);
            }
        }
    }

    [Fact]
    public void A_gap_present_before_pruning_that_does_not_grow_is_reported_as_both()
    {
        // IMP's LI exceeds the clone's by 1 ± 0.1 at every round: a dense gap, and growth around 0.
        var dense = Assert.Single(Claim(StudyClaimIds.C1, "gaussianClone"), c => c.Round == 0 && c.Comparison == ClaimComparison.Gap);
        var growth = Claim(StudyClaimIds.C1, "gaussianClone").Where(c => c.Comparison == ClaimComparison.Growth).ToList();

        Assert.Equal(ClaimVerdict.Supported, dense.Verdict);
        Assert.Equal("present before pruning", ClaimDescriptions.Finding(dense));
        Assert.Equal([1, 2, 3], growth.Select(c => c.Round));
        Assert.All(growth, c => Assert.InRange(c.Mean!.Value, -0.2, 0.2));
    }

    [Fact]
    public void C3_needs_the_pruned_weights_own_gain_positive_so_a_negative_one_contradicts_it()
    {
        var mixture = Claim(StudyClaimIds.C3Mixture, "kept");

        Assert.All(mixture, c => Assert.Equal(ClaimVerdict.Contradicted, c.Verdict));
        Assert.All(mixture, c => Assert.True(c.Low < 0 && c.High > 0, "the pruned-minus-kept difference alone is not resolved"));
        Assert.All(mixture, c => Assert.Equal(ClaimVerdict.Contradicted, c.Check(ClaimCheckKind.PrunedGain)!.Verdict));
        Assert.All(mixture, c => Assert.True(c.Check(ClaimCheckKind.PrunedGain)!.High < 0));
    }

    [Fact]
    public void C3_that_the_clone_passes_by_a_similar_margin_is_not_evidence()
    {
        var within = Claim(StudyClaimIds.C3Within, "kept");

        Assert.Equal([ClaimVerdict.NotSpecific, ClaimVerdict.NotSpecific, ClaimVerdict.Supported], within.Select(c => c.Verdict));
        Assert.All(within.Take(2), c => Assert.Equal(ClaimVerdict.Supported, c.Check(ClaimCheckKind.Clone)!.Verdict));
        Assert.All(within.Take(2), c => Assert.Equal(ClaimVerdict.NotResolved, c.Check(ClaimCheckKind.VersusClone)!.Verdict));
        Assert.Equal(ClaimVerdict.Contradicted, within[2].Check(ClaimCheckKind.Clone)!.Verdict);
        Assert.Equal(ClaimVerdict.Supported, within[2].Check(ClaimCheckKind.VersusClone)!.Verdict);
        // The margin is the paired difference of pruned-minus-kept, data minus clone (replicate 4 has no clone round 2).
        var margin = within[2].Check(ClaimCheckKind.VersusClone)!;
        var pairs = Enumerable.Range(0, SyntheticStudy.Replicates)
            .Select(r => Study.Value(StudyCondition.Imp, r, 2, StudyMeasures.CavityGainWithinPrunedMinusKept)
                         - Study.Value(StudyCondition.GaussianClone, r, 2, StudyMeasures.CavityGainWithinPrunedMinusKept))
            .Where(double.IsFinite).ToList();
        AssertSlowInterval(pairs, margin.Mean, margin.Low, margin.High, margin.N);
    }

    [Fact]
    public void Raw_and_null_corrected_verdicts_that_are_opposite_are_flagged_once_each()
    {
        var expected = new List<(string, string, ClaimComparison, int)>();
        foreach (var (raw, corrected) in new[] { ("C1.spread", "C1"), ("C2.kurtosis", "C2.ngi") })
        {
            foreach (var r in Summary.Claims.Where(c => c.Id == raw))
            {
                var twin = Summary.Claims.Single(c => c.Id == corrected && c.Against == r.Against && c.Comparison == r.Comparison && c.Round == r.Round);
                if ((r.Verdict, twin.Verdict) is (ClaimVerdict.Supported, ClaimVerdict.Contradicted) or (ClaimVerdict.Contradicted, ClaimVerdict.Supported))
                {
                    expected.Add((raw, r.Against, r.Comparison, r.Round));
                }
            }
        }

        Assert.Equal(expected, Summary.Disagreements.Select(d => (d.Raw, d.Against, d.Comparison, d.Round)));
        // Raw spread says the data's fields are wider while LI says they are more local, at every round's gap.
        Assert.Equal([0, 1, 2, 3], Summary.Disagreements.Where(d => d.Raw == "C1.spread" && d.Comparison == ClaimComparison.Gap).Select(d => d.Round));
        Assert.All(Summary.Disagreements, d => Assert.Contains("they disagree", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Locality_above_the_clone_in_every_seed_supports_C1_and_a_NaN_seed_is_dropped()
    {
        var c1 = Summary.Claims.Where(c => c.Id == StudyClaimIds.C1 && c.Comparison == ClaimComparison.Gap).ToList();

        Assert.All(c1, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
        Assert.All(c1, c => Assert.Equal(StudyMeasures.LocalityIndex, c.Measure));
        Assert.Equal([6, 5, 5, 6], c1.Select(c => c.N));
    }

    [Fact]
    public void Imp_ngi_below_random_pruning_in_every_seed_contradicts_C2()
    {
        var rows = Claim(StudyClaimIds.C2Ngi, "randomPruning").Where(c => c.Comparison == ClaimComparison.Gap && c.Round > 0).ToList();

        Assert.Equal([1, 2], rows.Select(c => c.Round));
        Assert.All(rows, c => Assert.Equal(ClaimVerdict.Contradicted, c.Verdict));
        Assert.All(rows, c => Assert.InRange(c.High!.Value, -0.6, -0.4));
    }

    [Fact]
    public void Differences_that_cancel_across_seeds_are_not_resolved()
    {
        var rows = Claim(StudyClaimIds.C2Ngi, "gaussianClone").Where(c => c.Comparison == ClaimComparison.Gap).ToList();

        Assert.Equal(4, rows.Count);
        Assert.All(rows, c => Assert.Equal(ClaimVerdict.NotResolved, c.Verdict));
        Assert.All(rows, c => Assert.True(c.Low < 0 && c.High > 0));
    }

    [Fact]
    public void One_shot_pairs_imps_final_round_with_its_own_round_1_at_imps_final_sparsity()
    {
        var row = Assert.Single(Claim(StudyClaimIds.C2Kurtosis, "oneShot"), c => c.Comparison == ClaimComparison.Gap && c.Round > 0);

        double sum = 0;
        for (int r = 0; r < SyntheticStudy.Replicates; r++)
        {
            sum += Study.Value(StudyCondition.Imp, r, 3, StudyMeasures.AbsKurtosisWithin)
                   - Study.Value(StudyCondition.OneShot, r, 1, StudyMeasures.AbsKurtosisWithin);
        }
        Assert.Equal(SyntheticStudy.PruningRounds, row.Round);
        Assert.Equal(SlowImpSparsity(SyntheticStudy.PruningRounds), row.Sparsity, Tolerance);
        Assert.Equal(sum / SyntheticStudy.Replicates, row.Mean!.Value, Tolerance);
        Assert.InRange(row.Mean.Value, 0.28, 0.32);
        Assert.Equal(ClaimVerdict.Supported, row.Verdict);
    }

    [Fact]
    public void C3_covers_the_rounds_that_have_a_next_pruning_as_one_sample_intervals()
    {
        var rows = Claim(StudyClaimIds.C3Within, "kept");

        Assert.Equal([0, 1, 2], rows.Select(c => c.Round));
        Assert.All(rows, c => Assert.True(c.Low > 0));
        Assert.All(rows, c => Assert.Equal(StudyMeasures.CavityGainWithinPrunedMinusKept, c.Measure));
    }

    [Fact]
    public void A_round_the_control_never_observed_has_no_claim_row()
    {
        Assert.False(Study.Has(StudyCondition.RandomPruning, 3));
        Assert.DoesNotContain(Summary.Claims, c => c.Against == "randomPruning" && c.Round == 3);
    }

    [Fact]
    public void Too_few_pairs_keep_the_row_with_its_n_and_no_interval()
    {
        var row = Assert.Single(Claim(StudyClaimIds.C2Kurtosis, "gaussianClone"), c => c.Round == 3 && c.Comparison == ClaimComparison.Gap);

        Assert.Equal(1, row.N);
        Assert.NotNull(row.Mean);
        Assert.Null(row.Low);
        Assert.Null(row.High);
        Assert.Equal(ClaimVerdict.NotResolved, row.Verdict);
    }

    [Fact]
    public void Random_reinit_has_bands_but_enters_no_claim()
    {
        Assert.Contains(Summary.Bands, b => b.Condition == StudyCondition.RandomReinit);
        Assert.DoesNotContain(Summary.Claims, c => c.Against == "randomReinit");
    }

    [Fact]
    public void Bands_cover_every_condition_measure_and_round_present_with_values_indexed_by_replicate()
    {
        foreach (var condition in StudyConditions.All)
        {
            var measures = Study.Observations.Where(o => o.Condition == condition)
                .SelectMany(o => o.Values.Keys).Append(StudyMeasures.Sparsity).Distinct().Order(StringComparer.Ordinal);
            var rounds = Enumerable.Range(0, 4).Where(round => Study.Has(condition, round));
            var expected = measures.SelectMany(m => rounds.Select(round => (m, round))).Order();

            var actual = Summary.Bands.Where(b => b.Condition == condition).Select(b => (b.Measure, b.Round)).Order();

            Assert.Equal(expected, actual);
        }
        foreach (var band in Summary.Bands)
        {
            Assert.Equal(SyntheticStudy.Replicates, band.Values.Length);
            var finite = new List<double>();
            for (int r = 0; r < SyntheticStudy.Replicates; r++)
            {
                double value = Study.Value(band.Condition, r, band.Round, band.Measure);
                Assert.Equal(double.IsNaN(value) ? null : value, band.Values[r]);
                if (!double.IsNaN(value))
                {
                    finite.Add(value);
                }
            }
            AssertSlowInterval(finite, band.Mean, band.Low, band.High, band.N);
        }
    }

    [Fact]
    public void A_missing_replicate_is_null_in_the_band_and_absent_from_its_n()
    {
        var band = Assert.Single(Summary.Bands, b => b.Condition == StudyCondition.GaussianClone
            && b.Measure == StudyMeasures.LocalityIndex && b.Round == SyntheticStudy.MissingCloneRound);

        Assert.Null(band.Values[SyntheticStudy.MissingCloneReplicate]);
        Assert.Equal(SyntheticStudy.Replicates - 1, band.N);
        Assert.Equal(SyntheticStudy.Replicates - 1, band.Values.Count(v => v is not null));
    }

    [Fact]
    public void Bands_list_measures_in_the_order_of_StudyMeasures_All()
    {
        var order = Summary.Bands.Where(b => b.Condition == StudyCondition.Imp).Select(b => b.Measure).Distinct().ToList();

        Assert.Equal(StudyMeasures.Keys.Where(order.Contains), order);
    }

    [Fact]
    public void The_same_replicate_and_round_observed_twice_is_refused()
    {
        var twice = Study.Observations.Append(Study.Observations[0]).ToList();

        Assert.Throws<ArgumentException>(() => StudyStatistics.Summarize(twice, SyntheticStudy.PruningRounds));
    }

    [Fact]
    public void A_sparsity_value_that_disagrees_with_the_sparsity_field_is_refused()
    {
        var observation = new StudyObservation(StudyCondition.Imp, 0, 0, 0.5, new Dictionary<string, double> { [StudyMeasures.Sparsity] = 0.4 });

        Assert.Throws<ArgumentException>(() => StudyStatistics.Summarize([observation], 1));
    }

    [Fact]
    public void No_observations_summarize_to_nothing()
    {
        var summary = StudyStatistics.Summarize([], SyntheticStudy.PruningRounds);

        Assert.Empty(summary.Bands);
        Assert.Empty(summary.Claims);
    }

    /// <summary>The interval equals the slow computation over the values, and counts them.</summary>
    private static void AssertSlowInterval(List<double> values, double? mean, double? low, double? high, int n)
    {
        var (slowMean, slowLow, slowHigh) = SlowInterval(values);
        Assert.Equal(values.Count, n);
        AssertClose(slowMean, mean);
        AssertClose(slowLow, low);
        AssertClose(slowHigh, high);
    }

    private static List<ClaimResult> Claim(string id, string against) =>
        [.. Summary.Claims.Where(c => c.Id == id && c.Against == against)];

    private static double SlowImpSparsity(int round)
    {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < SyntheticStudy.Replicates; r++)
        {
            double sparsity = Study.Value(StudyCondition.Imp, r, round, StudyMeasures.Sparsity);
            if (!double.IsNaN(sparsity))
            {
                sum += sparsity;
                n++;
            }
        }
        return sum / n;
    }

    /// <summary>NaN where there is no mean (no values) or no interval (one value).</summary>
    private static (double Mean, double Low, double High) SlowInterval(List<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        var (mean, sd) = MeanIntervalTests.SlowMeanAndSd(values);
        if (values.Count == 1)
        {
            return (values[0], double.NaN, double.NaN);
        }
        // The quantile itself is checked against integration of the density in MeanIntervalTests.
        double half = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * sd / Math.Sqrt(values.Count);
        return (mean, mean - half, mean + half);
    }

    private static void AssertClose(double expected, double? actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.NotNull(actual);
            Assert.Equal(expected, actual.Value, Tolerance);
        }
    }
}

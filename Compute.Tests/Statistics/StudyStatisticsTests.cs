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
    public void Claims_are_exactly_the_expected_rows_ordered_by_id_against_and_round()
    {
        (string, string, int)[] expected =
        [
            ("C1", "gaussianClone", 1), ("C1", "gaussianClone", 2), ("C1", "gaussianClone", 3),
            ("C2.kurtosis", "gaussianClone", 1), ("C2.kurtosis", "gaussianClone", 2), ("C2.kurtosis", "gaussianClone", 3),
            ("C2.kurtosis", "oneShot", 3),
            ("C2.kurtosis", "randomPruning", 1), ("C2.kurtosis", "randomPruning", 2),
            ("C2.ngi", "gaussianClone", 1), ("C2.ngi", "gaussianClone", 2), ("C2.ngi", "gaussianClone", 3),
            ("C2.ngi", "oneShot", 3),
            ("C2.ngi", "randomPruning", 1), ("C2.ngi", "randomPruning", 2),
            ("C3.mixture", "kept", 0), ("C3.mixture", "kept", 1), ("C3.mixture", "kept", 2),
            ("C3.within", "kept", 0), ("C3.within", "kept", 1), ("C3.within", "kept", 2),
        ];

        Assert.Equal(expected, Summary.Claims.Select(c => (c.Id, c.Against, c.Round)));
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
                "oneShot" => (StudyCondition.OneShot, 1),
                "randomPruning" => (StudyCondition.RandomPruning, claim.Round),
                "gaussianClone" => (StudyCondition.GaussianClone, claim.Round),
                _ => throw new InvalidOperationException(claim.Against),
            };
            var differences = new List<double>();
            for (int r = 0; r < SyntheticStudy.Replicates; r++)
            {
                double imp = Study.Value(StudyCondition.Imp, r, claim.Round, claim.Measure);
                double other = againstCondition is { } c ? Study.Value(c, r, againstRound, claim.Measure) : 0;
                if (!double.IsNaN(imp) && !double.IsNaN(other))
                {
                    differences.Add(imp - other);
                }
            }
            var (mean, low, high) = SlowInterval(differences);

            Assert.Equal(differences.Count, claim.N);
            AssertClose(mean, claim.Mean);
            AssertClose(low, claim.Low);
            AssertClose(high, claim.High);
            Assert.Equal(SlowImpSparsity(claim.Round), claim.Sparsity, Tolerance);
            Assert.Equal(
                low > 0 ? ClaimVerdict.Supported : high < 0 ? ClaimVerdict.Contradicted : ClaimVerdict.NotResolved,
                claim.Verdict);
        }
    }

    [Fact]
    public void Locality_above_the_clone_in_every_seed_supports_C1_and_a_NaN_seed_is_dropped()
    {
        var c1 = Summary.Claims.Where(c => c.Id == StudyClaimIds.C1).ToList();

        Assert.All(c1, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
        Assert.All(c1, c => Assert.Equal(StudyMeasures.LocalityIndex, c.Measure));
        Assert.Equal([5, 5, 6], c1.Select(c => c.N));
    }

    [Fact]
    public void Imp_ngi_below_random_pruning_in_every_seed_contradicts_C2()
    {
        var rows = Claim(StudyClaimIds.C2Ngi, "randomPruning");

        Assert.Equal([1, 2], rows.Select(c => c.Round));
        Assert.All(rows, c => Assert.Equal(ClaimVerdict.Contradicted, c.Verdict));
        Assert.All(rows, c => Assert.InRange(c.High!.Value, -0.6, -0.4));
    }

    [Fact]
    public void Differences_that_cancel_across_seeds_are_not_resolved()
    {
        var rows = Claim(StudyClaimIds.C2Ngi, "gaussianClone").Concat(Claim(StudyClaimIds.C3Mixture, "kept")).ToList();

        Assert.Equal(6, rows.Count);
        Assert.All(rows, c => Assert.Equal(ClaimVerdict.NotResolved, c.Verdict));
        Assert.All(rows, c => Assert.True(c.Low < 0 && c.High > 0));
    }

    [Fact]
    public void One_shot_pairs_imps_final_round_with_its_own_round_1_at_imps_final_sparsity()
    {
        var row = Assert.Single(Claim(StudyClaimIds.C2Kurtosis, "oneShot"));

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
        Assert.All(rows, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
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
        var row = Assert.Single(Claim(StudyClaimIds.C2Kurtosis, "gaussianClone"), c => c.Round == 3);

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
        foreach (var condition in Enum.GetValues<StudyCondition>())
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
            var (mean, low, high) = SlowInterval(finite);
            Assert.Equal(finite.Count, band.N);
            AssertClose(mean, band.Mean);
            AssertClose(low, band.Low);
            AssertClose(high, band.High);
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

        Assert.Equal(StudyMeasures.All.Where(order.Contains), order);
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

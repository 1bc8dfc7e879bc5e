using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Statistics;

/// <summary>
/// The one place a study's replicates become bands and claim verdicts (SCIENCE.md, "Statistics: what a claim
/// needs" and "Wording a claim"). Every claim difference has the paper's predicted sign positive and pairs replicate r
/// with replicate r; C1 and C2 come as the gap at every round (round 0: before pruning) and its growth since round 0.
/// <see cref="StudyCondition.RandomReinit"/> gets bands but enters no claim: the claims compare IMP with pruning
/// controls and with the Gaussian clone, and reinitialisation is neither.
/// </summary>
internal static class StudyStatistics
{
    /// <param name="pruningRounds">IMP's number of pruning rounds: its final round, the one one-shot's round 1 matches.</param>
    public static StudySummary Summarize(IReadOnlyList<StudyObservation> observations, int pruningRounds)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(pruningRounds, 1);
        var study = new Study(observations);
        var claims = Claims(study, pruningRounds);
        return new StudySummary(Bands(study), claims) { Disagreements = Disagreements(claims) };
    }

    private static List<MeasureBand> Bands(Study study)
    {
        var bands = new List<MeasureBand>();
        foreach (var condition in StudyConditions.All)
        {
            int[] rounds = study.Rounds(condition);
            if (rounds.Length == 0)
            {
                continue;
            }
            foreach (string measure in study.Measures(condition))
            {
                foreach (int round in rounds)
                {
                    double[] series = study.Series(condition, round, measure);
                    var interval = MeanInterval.Of(series);
                    double?[] values = [.. series.Select(v => double.IsFinite(v) ? v : (double?)null)];
                    bands.Add(new MeasureBand(condition, measure, round, interval.Mean, interval.Low, interval.High, interval.N, values));
                }
            }
        }
        return bands;
    }

    /// <summary>The measure each gap claim compares, and whether the prediction is a lower value on IMP (SCIENCE.md, "Claims").</summary>
    private static readonly Dictionary<string, (string Measure, bool LowerIsPredicted)> GapMeasures = new(StringComparer.Ordinal)
    {
        [StudyClaimIds.C1] = (StudyMeasures.LocalityIndex, false),
        [StudyClaimIds.C1Spread] = (StudyMeasures.Spread, true),
        [StudyClaimIds.C2Ngi] = (StudyMeasures.NonGaussianityIndex, false),
        [StudyClaimIds.C2Kurtosis] = (StudyMeasures.AbsKurtosisWithin, false),
    };

    private static List<ClaimResult> Claims(Study study, int pruningRounds)
    {
        var claims = new List<ClaimResult>();
        int[] impRounds = study.Rounds(StudyCondition.Imp);

        // The gap IMP minus the control at IMP's round (the control's own round for one-shot), and from round 1 on its
        // growth since round 0, paired by replicate. A claim whose measure IMP never recorded has no rows.
        void GapAndGrowth(string id, string measure, StudyCondition against, int impRound, int againstRound, bool lowerIsPredicted)
        {
            if (!study.Records(StudyCondition.Imp, measure) || !study.Has(StudyCondition.Imp, impRound) || !study.Has(against, againstRound))
            {
                return;
            }
            double[] gap = Gap(study, measure, against, impRound, againstRound, lowerIsPredicted);
            claims.Add(Claim(study, id, measure, Name(against), impRound, MeanInterval.Of(gap)));
            if (impRound > 0 && study.Has(StudyCondition.Imp, 0) && study.Has(against, 0))
            {
                double[] before = Gap(study, measure, against, 0, 0, lowerIsPredicted);
                claims.Add(Claim(study, id, measure, Name(against), impRound, PairedDifference.Of(gap, before))
                    with
                { Comparison = ClaimComparison.Growth });
            }
        }

        void AtEveryRound(string id, string measure, StudyCondition against, bool lowerIsPredicted = false)
        {
            foreach (int round in impRounds)
            {
                GapAndGrowth(id, measure, against, round, round, lowerIsPredicted);
            }
        }

        // Each condition names the claims that set IMP against it, and which of its rounds they match.
        foreach (var against in StudyConditions.Descriptors)
        {
            foreach (string id in against.Claims)
            {
                var (measure, lowerIsPredicted) = GapMeasures[id];
                if (against.Matching == ClaimMatching.Round)
                {
                    AtEveryRound(id, measure, against.Condition, lowerIsPredicted);
                }
                else
                {
                    GapAndGrowth(id, measure, against.Condition, 0, 0, lowerIsPredicted);
                    GapAndGrowth(id, measure, against.Condition, pruningRounds, 1, lowerIsPredicted);
                }
            }
        }
        foreach (var (id, difference, prunedGain) in new[]
        {
            (StudyClaimIds.C3Within, StudyMeasures.CavityGainWithinPrunedMinusKept, StudyMeasures.CavityGainWithinPrunedNext),
            (StudyClaimIds.C3Mixture, StudyMeasures.CavityGainPrunedMinusKept, StudyMeasures.CavityGainPrunedNext),
        })
        {
            // Only rounds followed by a pruning know which weights are pruned next.
            foreach (int round in impRounds.Where(r => r < pruningRounds))
            {
                claims.Add(Cavity(study, id, difference, prunedGain, round));
            }
        }

        return [.. claims
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Against, StringComparer.Ordinal)
            .ThenBy(c => c.Comparison)
            .ThenBy(c => c.Round)];
    }

    /// <summary>Per replicate, IMP minus the control (the control minus IMP where the prediction is a lower value); NaN where either is missing.</summary>
    private static double[] Gap(Study study, string measure, StudyCondition against, int impRound, int againstRound, bool lowerIsPredicted)
    {
        double[] imp = study.Series(StudyCondition.Imp, impRound, measure);
        double[] control = study.Series(against, againstRound, measure);
        return [.. imp.Zip(control, (i, c) => lowerIsPredicted ? c - i : i - c)];
    }

    /// <summary>
    /// C3 from both signs (SCIENCE.md, "Wording a claim"): supported only where the pruned weights' own gain and their
    /// gain over the kept ones both lie above 0; contradicted where either lies below; and not evidence where the
    /// Gaussian clone passes the same test while the data's margin over the clone is not resolved.
    /// </summary>
    private static ClaimResult Cavity(Study study, string id, string difference, string prunedGain, int round)
    {
        var main = MeanInterval.Of(study.Series(StudyCondition.Imp, round, difference));
        var gain = MeanInterval.Of(study.Series(StudyCondition.Imp, round, prunedGain));
        var checks = new List<ClaimCheck> { Check(ClaimCheckKind.PrunedGain, gain, Verdicts.From(gain)) };
        var verdict = Verdicts.BothSigns(main, gain);
        if (study.Has(StudyCondition.GaussianClone, round))
        {
            double[] cloneDifference = study.Series(StudyCondition.GaussianClone, round, difference);
            var clone = MeanInterval.Of(cloneDifference);
            var cloneVerdict = Verdicts.BothSigns(clone, MeanInterval.Of(study.Series(StudyCondition.GaussianClone, round, prunedGain)));
            var margin = PairedDifference.Of(study.Series(StudyCondition.Imp, round, difference), cloneDifference);
            checks.Add(Check(ClaimCheckKind.Clone, clone, cloneVerdict));
            checks.Add(Check(ClaimCheckKind.VersusClone, margin, Verdicts.From(margin)));
            if (verdict == ClaimVerdict.Supported && cloneVerdict == ClaimVerdict.Supported && Verdicts.From(margin) != ClaimVerdict.Supported)
            {
                verdict = ClaimVerdict.NotSpecific;
            }
        }
        return Claim(study, id, difference, StudyClaimIds.Kept, round, main) with { Verdict = verdict, Checks = checks };
    }

    private static ClaimCheck Check(ClaimCheckKind kind, MeanInterval interval, ClaimVerdict verdict) =>
        new(kind, interval.Mean, interval.Low, interval.High, interval.N, verdict);

    /// <summary>Each raw claim against its null-corrected twin at the same control, comparison and round, where their verdicts are opposite.</summary>
    private static List<ClaimDisagreement> Disagreements(IReadOnlyList<ClaimResult> claims)
    {
        var disagreements = new List<ClaimDisagreement>();
        foreach (var (rawId, correctedId) in new[] { (StudyClaimIds.C1Spread, StudyClaimIds.C1), (StudyClaimIds.C2Kurtosis, StudyClaimIds.C2Ngi) })
        {
            var corrected = claims.Where(c => c.Id == correctedId).ToDictionary(c => (c.Against, c.Comparison, c.Round));
            foreach (var raw in claims.Where(c => c.Id == rawId))
            {
                if (corrected.TryGetValue((raw.Against, raw.Comparison, raw.Round), out var twin) && Opposite(raw.Verdict, twin.Verdict))
                {
                    disagreements.Add(new ClaimDisagreement(rawId, correctedId, raw.Against, raw.Comparison, raw.Round,
                        raw.Verdict, twin.Verdict, ClaimDescriptions.Disagreement(raw, twin)));
                }
            }
        }
        return disagreements;
    }

    private static bool Opposite(ClaimVerdict a, ClaimVerdict b) =>
        (a, b) is (ClaimVerdict.Supported, ClaimVerdict.Contradicted) or (ClaimVerdict.Contradicted, ClaimVerdict.Supported);

    private static ClaimResult Claim(Study study, string id, string measure, string against, int impRound, MeanInterval interval) =>
        new(id, measure, StudyCondition.Imp, against, impRound, study.MeanSparsity(StudyCondition.Imp, impRound),
            interval.Mean, interval.Low, interval.High, interval.N, Verdicts.From(interval));

    /// <summary>The camelCase name SpecJson gives the condition.</summary>
    internal static string Name(StudyCondition condition) => condition.Key;

    /// <summary>The observations indexed by condition, round and replicate.</summary>
    private sealed class Study
    {
        private readonly Dictionary<(StudyCondition Condition, int Round), StudyObservation?[]> _cells = [];
        private readonly int _replicates;

        public Study(IReadOnlyList<StudyObservation> observations)
        {
            foreach (var o in observations)
            {
                ArgumentNullException.ThrowIfNull(o, nameof(observations));
                ArgumentNullException.ThrowIfNull(o.Values, nameof(observations));
                if (o.Replicate < 0 || o.Round < 0)
                {
                    throw new ArgumentException(
                        $"Replicate and Round must be >= 0; got replicate {o.Replicate}, round {o.Round} of {o.Condition}", nameof(observations));
                }
                if (o.Values.TryGetValue(StudyMeasures.Sparsity, out double listed) && !double.IsNaN(listed) && listed != o.Sparsity)
                {
                    throw new ArgumentException(
                        $"Values[\"{StudyMeasures.Sparsity}\"] must equal Sparsity; got {listed} and {o.Sparsity} "
                        + $"({o.Condition}, replicate {o.Replicate}, round {o.Round})", nameof(observations));
                }
            }
            _replicates = observations.Count == 0 ? 0 : observations.Max(o => o.Replicate) + 1;
            foreach (var o in observations)
            {
                if (!_cells.TryGetValue((o.Condition, o.Round), out var cell))
                {
                    cell = new StudyObservation?[_replicates];
                    _cells.Add((o.Condition, o.Round), cell);
                }
                if (cell[o.Replicate] is not null)
                {
                    throw new ArgumentException(
                        $"{o.Condition} replicate {o.Replicate} round {o.Round} is observed twice", nameof(observations));
                }
                cell[o.Replicate] = o;
            }
        }

        public bool Has(StudyCondition condition, int round) => _cells.ContainsKey((condition, round));

        /// <summary>Whether any replicate of the condition recorded the measure at any round.</summary>
        public bool Records(StudyCondition condition, string measure) =>
            _cells.Where(c => c.Key.Condition == condition).SelectMany(c => c.Value).Any(o => o?.Values.ContainsKey(measure) == true);

        public int[] Rounds(StudyCondition condition) =>
            [.. _cells.Keys.Where(k => k.Condition == condition).Select(k => k.Round).Order()];

        /// <summary>Sparsity and every key any replicate recorded: known keys in StudyMeasures.All order, then others.</summary>
        public IEnumerable<string> Measures(StudyCondition condition)
        {
            var keys = _cells.Where(c => c.Key.Condition == condition)
                .SelectMany(c => c.Value)
                .SelectMany(o => o?.Values.Keys ?? [])
                .Append(StudyMeasures.Sparsity)
                .ToHashSet(StringComparer.Ordinal);
            var registered = StudyMeasures.Keys;
            var known = registered.Where(keys.Contains);
            var others = keys.Except(registered, StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return known.Concat(others);
        }

        /// <summary>One value per replicate, NaN where the replicate is missing or did not measure it.</summary>
        public double[] Series(StudyCondition condition, int round, string measure)
        {
            var series = new double[_replicates];
            Array.Fill(series, double.NaN);
            if (_cells.TryGetValue((condition, round), out var cell))
            {
                for (int r = 0; r < _replicates; r++)
                {
                    series[r] = cell[r] is not { } o ? double.NaN
                        : measure == StudyMeasures.Sparsity ? o.Sparsity
                        : o.Values.TryGetValue(measure, out double v) ? v : double.NaN;
                }
            }
            return series;
        }

        public double MeanSparsity(StudyCondition condition, int round) =>
            MeanInterval.Of(Series(condition, round, StudyMeasures.Sparsity)).Mean ?? double.NaN;
    }
}

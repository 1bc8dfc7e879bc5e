using System.Text.Json;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Statistics;

/// <summary>
/// The one place a study's replicates become bands and claim verdicts (SCIENCE.md, "Statistics: what a claim
/// needs"). Every claim difference has the paper's predicted sign positive and pairs replicate r with replicate r.
/// <see cref="StudyCondition.RandomReinit"/> gets bands but enters no claim: the claims compare IMP with pruning
/// controls and with the Gaussian clone, and reinitialisation is neither.
/// </summary>
public static class StudyStatistics
{
    /// <param name="pruningRounds">IMP's number of pruning rounds: its final round, the one one-shot's round 1 matches.</param>
    public static StudySummary Summarize(IReadOnlyList<StudyObservation> observations, int pruningRounds)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(pruningRounds, 1);
        var study = new Study(observations);
        return new StudySummary(Bands(study), Claims(study, pruningRounds));
    }

    private static List<MeasureBand> Bands(Study study)
    {
        var bands = new List<MeasureBand>();
        foreach (var condition in Enum.GetValues<StudyCondition>())
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

    private static List<ClaimResult> Claims(Study study, int pruningRounds)
    {
        var claims = new List<ClaimResult>();

        void Paired(string id, string measure, StudyCondition against, int impRound, int againstRound)
        {
            if (!study.Has(StudyCondition.Imp, impRound) || !study.Has(against, againstRound))
            {
                return;
            }
            var difference = PairedDifference.Of(
                study.Series(StudyCondition.Imp, impRound, measure), study.Series(against, againstRound, measure));
            claims.Add(Claim(study, id, measure, Name(against), impRound, difference));
        }

        void AtEveryPrunedRound(string id, string measure, StudyCondition against)
        {
            foreach (int round in study.Rounds(StudyCondition.Imp).Where(r => r >= 1))
            {
                Paired(id, measure, against, round, round);
            }
        }

        AtEveryPrunedRound(StudyClaimIds.C1, StudyMeasures.LocalityIndex, StudyCondition.GaussianClone);
        foreach (var (id, measure) in new[]
        {
            (StudyClaimIds.C2Ngi, StudyMeasures.NonGaussianityIndex),
            (StudyClaimIds.C2Kurtosis, StudyMeasures.AbsKurtosisWithin),
        })
        {
            AtEveryPrunedRound(id, measure, StudyCondition.RandomPruning);
            AtEveryPrunedRound(id, measure, StudyCondition.GaussianClone);
            // One-shot prunes straight to IMP's final sparsity in its round 1: matched sparsity, not matched round.
            Paired(id, measure, StudyCondition.OneShot, pruningRounds, 1);
        }
        foreach (var (id, measure) in new[]
        {
            (StudyClaimIds.C3Within, StudyMeasures.CavityGainWithinPrunedMinusKept),
            (StudyClaimIds.C3Mixture, StudyMeasures.CavityGainPrunedMinusKept),
        })
        {
            // Only rounds followed by a pruning know which weights are pruned next.
            foreach (int round in study.Rounds(StudyCondition.Imp).Where(r => r < pruningRounds))
            {
                var interval = MeanInterval.Of(study.Series(StudyCondition.Imp, round, measure));
                claims.Add(Claim(study, id, measure, StudyClaimIds.Kept, round, interval));
            }
        }

        return [.. claims
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Against, StringComparer.Ordinal)
            .ThenBy(c => c.Round)];
    }

    private static ClaimResult Claim(Study study, string id, string measure, string against, int impRound, MeanInterval interval) =>
        new(id, measure, StudyCondition.Imp, against, impRound, study.MeanSparsity(StudyCondition.Imp, impRound),
            interval.Mean, interval.Low, interval.High, interval.N, Verdicts.From(interval));

    /// <summary>The camelCase name SpecJson gives the condition.</summary>
    internal static string Name(StudyCondition condition) => JsonNamingPolicy.CamelCase.ConvertName(condition.ToString());

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
            var known = StudyMeasures.All.Where(keys.Contains);
            var others = keys.Except(StudyMeasures.All, StringComparer.Ordinal).Order(StringComparer.Ordinal);
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

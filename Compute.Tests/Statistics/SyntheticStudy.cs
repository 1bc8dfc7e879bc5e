using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Statistics;

/// <summary>
/// A small study with known effects, six replicates, IMP with three pruning rounds (rounds 0-3):
/// - C1: IMP's LI = the clone's + 1 + noise of at most 0.1 in every seed: supported.
/// - C2.ngi: IMP's NGI is below random pruning's by 0.5 to 0.6 in every seed: contradicted; IMP minus clone is
///   exactly <see cref="Cancelling"/>, mean 0: not resolved.
/// - C2.kurtosis: IMP's round 3 exceeds one-shot's round 1 by 0.3 ± 0.02: supported (one-shot's round 0 is far
///   above, so pairing the wrong round would show); the clone's round 3 has one seed only.
/// - C1.spread (raw): IMP's spread is above the clone's by 0.05 ± 0.01 in every seed, against C1's LI: they disagree.
/// - C3.within: 0.2 ± 0.05 in every seed with a pruned gain of 0.1 ± 0.02: supported; the clone passes the same test by
///   the same margin at rounds 0 and 1 (not evidence there) and fails it at round 2. C3.mixture: 0.01 * <see cref="Cancelling"/>
///   with a negative pruned gain in every seed: contradicted.
/// Holes: random pruning has no round 3; clone replicate 4 is missing at round 2; IMP replicate 2 has LI NaN at round 1.
/// </summary>
internal sealed class SyntheticStudy
{
    public const int Replicates = 6, PruningRounds = 3;
    public const int MissingCloneReplicate = 4, MissingCloneRound = 2;

    public static readonly double[] Cancelling = [1.0, -1.0, 2.0, -2.0, 0.5, -0.5];

    private readonly Dictionary<(StudyCondition Condition, int Replicate, int Round), StudyObservation> _cells = [];

    public List<StudyObservation> Observations { get; } = [];

    public SyntheticStudy()
    {
        var random = new Random(20250101);
        double Noise() => 2 * random.NextDouble() - 1;

        for (int r = 0; r < Replicates; r++)
        {
            var imp = new Dictionary<int, Dictionary<string, double>>();
            for (int round = 0; round <= PruningRounds; round++)
            {
                double cloneLi = round + Noise();
                double randomNgi = 2 + Noise();
                double impKurtosis = 1 + 0.1 * round + 0.05 * Noise();
                double cloneSpread = 0.9 - 0.1 * round + 0.02 * Noise();
                imp[round] = new()
                {
                    [StudyMeasures.TestAccuracy] = 0.9 + 0.01 * Noise(),
                    [StudyMeasures.LocalityIndex] = r == 2 && round == 1 ? double.NaN : cloneLi + 1 + 0.1 * Noise(),
                    [StudyMeasures.NonGaussianityIndex] = randomNgi - 0.5 - 0.1 * Math.Abs(Noise()),
                    [StudyMeasures.AbsKurtosisWithin] = impKurtosis,
                    [StudyMeasures.CavityGainWithinPrunedMinusKept] = 0.2 + 0.05 * Noise(),
                    [StudyMeasures.CavityGainPrunedMinusKept] = 0.01 * Cancelling[r],
                    [StudyMeasures.Spread] = cloneSpread + 0.05 + 0.01 * Noise(),
                    [StudyMeasures.CavityGainWithinPrunedNext] = 0.1 + 0.02 * Noise(),
                    [StudyMeasures.CavityGainPrunedNext] = -0.05 - 0.01 * Math.Abs(Noise()),
                };
                Add(StudyCondition.Imp, r, round, imp[round]);

                if (!(r == MissingCloneReplicate && round == MissingCloneRound))
                {
                    var clone = new Dictionary<string, double>
                    {
                        [StudyMeasures.TestAccuracy] = 0.9 + 0.01 * Noise(),
                        [StudyMeasures.LocalityIndex] = cloneLi,
                        [StudyMeasures.NonGaussianityIndex] = imp[round][StudyMeasures.NonGaussianityIndex] - Cancelling[r],
                        [StudyMeasures.Spread] = cloneSpread,
                        [StudyMeasures.CavityGainWithinPrunedMinusKept] = round < 2 ? 0.2 + 0.05 * Noise() : -0.2 + 0.05 * Noise(),
                        [StudyMeasures.CavityGainWithinPrunedNext] = 0.1 + 0.02 * Noise(),
                    };
                    if (round < PruningRounds || r == 0)
                    {
                        clone[StudyMeasures.AbsKurtosisWithin] = impKurtosis - 0.1 + 0.05 * Noise();
                    }
                    Add(StudyCondition.GaussianClone, r, round, clone);
                }
                if (round < PruningRounds)
                {
                    Add(StudyCondition.RandomPruning, r, round, new()
                    {
                        [StudyMeasures.LocalityIndex] = Noise(),
                        [StudyMeasures.NonGaussianityIndex] = randomNgi,
                        [StudyMeasures.AbsKurtosisWithin] = impKurtosis + 0.2 * Noise(),
                    });
                }
                Add(StudyCondition.RandomReinit, r, round, new()
                {
                    [StudyMeasures.LocalityIndex] = Noise(),
                    [StudyMeasures.NonGaussianityIndex] = Noise(),
                });
            }
            Add(StudyCondition.OneShot, r, 0, new() { [StudyMeasures.AbsKurtosisWithin] = 10 + Noise() });
            Add(StudyCondition.OneShot, r, 1, new()
            {
                [StudyMeasures.AbsKurtosisWithin] = imp[PruningRounds][StudyMeasures.AbsKurtosisWithin] - 0.3 + 0.02 * Noise(),
            });
        }

        void Add(StudyCondition condition, int replicate, int round, Dictionary<string, double> values)
        {
            // One-shot's round 1 is at IMP's final sparsity; a little seed-to-seed jitter keeps the mean honest.
            double sparsity = 1 - Math.Pow(0.8, condition == StudyCondition.OneShot && round == 1 ? PruningRounds : round)
                              + 1e-3 * Noise();
            var observation = new StudyObservation(condition, replicate, round, sparsity, values);
            Observations.Add(observation);
            _cells.Add((condition, replicate, round), observation);
        }
    }

    public bool Has(StudyCondition condition, int round) =>
        Enumerable.Range(0, Replicates).Any(r => _cells.ContainsKey((condition, r, round)));

    /// <summary>NaN when the replicate is missing or did not record the measure.</summary>
    public double Value(StudyCondition condition, int replicate, int round, string measure) =>
        !_cells.TryGetValue((condition, replicate, round), out var o) ? double.NaN
        : measure == StudyMeasures.Sparsity ? o.Sparsity
        : o.Values.GetValueOrDefault(measure, double.NaN);
}

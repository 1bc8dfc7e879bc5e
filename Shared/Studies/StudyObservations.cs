using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>A replicate's round as the study statistics read it: each scalar measure of <see cref="StudyMeasures"/>.</summary>
public static class StudyObservations
{
    public static StudyObservation Of(StudyCondition condition, int replicate, RoundResult round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var values = new Dictionary<string, double>
        {
            [StudyMeasures.TestAccuracy] = round.TestAccuracy,
            [StudyMeasures.TestLoss] = round.TestLoss,
            [StudyMeasures.Sparsity] = round.Sparsity,
            [StudyMeasures.Ipr] = Mean(round.Ipr),
            [StudyMeasures.Spread] = Mean(round.Spread),
            [StudyMeasures.SpreadRatio] = Mean(round.SpreadRatio),
            [StudyMeasures.LocalityIndex] = Mean(round.LocalityIndex),
            [StudyMeasures.ExcessKurtosis] = Mean(round.ExcessKurtosis),
            [StudyMeasures.AbsKurtosisWithin] = Mean(round.AbsKurtosisWithin),
            [StudyMeasures.NonGaussianityIndex] = Mean(round.NonGaussianityIndex),
            [StudyMeasures.CavityGainPrunedMinusKept] = GainDifference(round.Cavity),
            [StudyMeasures.CavityGainWithinPrunedMinusKept] = GainDifference(round.CavityWithinClass),
            [StudyMeasures.CavityGainPrunedNext] = round.Cavity?.PrunedNext.MeanGain ?? double.NaN,
            [StudyMeasures.CavityGainWithinPrunedNext] = round.CavityWithinClass?.PrunedNext.MeanGain ?? double.NaN,
        };
        return new StudyObservation(condition, replicate, round.Round, round.Sparsity, values);
    }

    private static double Mean(Distribution distribution) => distribution.Mean ?? double.NaN;

    /// <summary>Mean cavity gain of the weights pruned next round minus that of the kept ones (NaN when a group is empty).</summary>
    private static double GainDifference(CavitySummary? cavity) =>
        cavity is { PrunedNext.MeanGain: { } pruned, Kept.MeanGain: { } kept } ? pruned - kept : double.NaN;
}

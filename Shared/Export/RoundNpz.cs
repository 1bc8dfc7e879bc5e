using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Export;

/// <summary>
/// One round's first layer as an .npz: weights, mask, pruned_next, cavity_delta, cavity_gain, and (rounds measured since the
/// within-class cavity) cavity_delta_within, cavity_gain_within (units x height x width); the per-unit ipr, spread,
/// excess_kurtosis, excess_kurtosis_classN, and the permutation null's locality_index, spread_null, spread_ratio,
/// abs_kurtosis_within and ngi (NaN for dead units, and where a stored round predates the null).
/// </summary>
public static class RoundNpz
{
    public static void Write(Stream stream, RoundResult round)
    {
        var arrays = round.Arrays ?? throw new ArgumentException($"Round {round.Round} carries no arrays.", nameof(round));
        using var npz = new NpzWriter(stream);
        long units = arrays.Units, height = arrays.Shape.Height, width = arrays.Shape.Width;
        npz.Add("weights", arrays.Weights, units, height, width);
        npz.Add("mask", arrays.Mask, units, height, width);
        npz.Add("pruned_next", arrays.PrunedNext, units, height, width);
        npz.Add("cavity_delta", arrays.CavityDelta, units, height, width);
        npz.Add("cavity_gain", arrays.CavityGain, units, height, width);
        if (arrays.CavityDeltaWithin.Length > 0)
        {
            npz.Add("cavity_delta_within", arrays.CavityDeltaWithin, units, height, width);
            npz.Add("cavity_gain_within", arrays.CavityGainWithin, units, height, width);
        }
        npz.Add("ipr", Column(round, u => u.Ipr), units);
        npz.Add("spread", Column(round, u => u.Spread), units);
        npz.Add("excess_kurtosis", Column(round, u => u.ExcessKurtosis), units);
        for (int c = 0; c < round.ExcessKurtosisByClass.Count; c++)
        {
            int label = c;
            npz.Add($"excess_kurtosis_class{label}", Column(round, u => u.ExcessKurtosisByClass[label]), units);
        }
        npz.Add("locality_index", Column(round, u => u.LocalityIndex), units);
        npz.Add("spread_null", Column(round, u => u.SpreadNull), units);
        npz.Add("spread_ratio", Column(round, u => u.SpreadRatio), units);
        npz.Add("abs_kurtosis_within", Column(round, u => u.AbsKurtosisWithin), units);
        npz.Add("ngi", Column(round, u => u.NonGaussianityIndex), units);
    }

    private static double[] Column(RoundResult round, Func<UnitMeasures, double?> select) =>
        [.. round.UnitMeasures.Select(u => select(u) ?? double.NaN)];
}

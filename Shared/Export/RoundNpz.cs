using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Export;

/// <summary>
/// One round's first layer as an .npz: weights, mask, pruned_next, cavity_delta, cavity_gain, and (rounds measured since the
/// within-class cavity) cavity_delta_within, cavity_gain_within (units x height x width); then every per-unit measure
/// (<see cref="UnitMeasureKinds"/>) under its key in snake_case: ipr, spread, excess_kurtosis, excess_kurtosis_class0/1,
/// and the permutation null's spread_null, spread_ratio, locality_index, abs_kurtosis_within and ngi
/// (NaN for dead units, and where a stored round predates the measure).
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
        foreach (var measure in UnitMeasureKinds.All)
        {
            npz.Add(measure.NpzKey, Column(round, measure.OfUnit), units);
        }
    }

    private static double[] Column(RoundResult round, Func<UnitMeasures, double?> select) =>
        [.. round.UnitMeasures.Select(u => select(u) ?? double.NaN)];
}

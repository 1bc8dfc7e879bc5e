namespace LocalityLab.Shared.Results;

/// <summary>
/// The first layer after a round, row-major Units x Inputs (unit k's receptive field is row k, laid out as Shape).
/// Cavity arrays are NaN where the weight is pruned or the unit dead.
/// </summary>
public sealed record RoundArrays(
    int Units,
    InputShape Shape,
    float[] Weights,
    byte[] Mask,
    byte[] PrunedNext,
    float[] CavityDelta,
    float[] CavityGain)
{
    /// <summary>The within-class cavity delta (per weight the mean over the two classes); empty in rounds stored before it.</summary>
    public float[] CavityDeltaWithin { get; init; } = [];

    /// <summary>The within-class cavity gain (per weight the mean over the two classes); empty in rounds stored before it.</summary>
    public float[] CavityGainWithin { get; init; } = [];
}

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
    float[] CavityGain);

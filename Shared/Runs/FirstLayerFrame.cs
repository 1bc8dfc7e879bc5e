using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Runs;

/// <summary>
/// The first layer of one round, compact for the wire: weights quantised to signed bytes with one scale per unit
/// (w = q * Scales[unit]), mask and "pruned next round" as bit sets (row-major, bit i of byte i / 8, LSB first).
/// For K = 100, D = 1600 that is about 200 KB instead of 1.3 MB of floats.
/// </summary>
public sealed record FirstLayerFrame(int Units, InputShape Shape, float[] Scales, sbyte[] Weights, byte[] MaskBits, byte[] PrunedNextBits)
{
    /// <summary>Weight i (row-major) as decoded from its quantised form.</summary>
    public float Weight(int index) => Weights[index] * Scales[index / Shape.Inputs];

    public bool Survives(int index) => (MaskBits[index >> 3] & (1 << (index & 7))) != 0;

    public bool PrunedNext(int index) => (PrunedNextBits[index >> 3] & (1 << (index & 7))) != 0;
}

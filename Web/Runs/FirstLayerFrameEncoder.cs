using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Runs;

/// <summary>
/// Packs a round's first layer for the wire: symmetric int8 quantisation with one scale per unit (its largest
/// surviving |w| / 127), so each unit keeps its own contrast; worst-case error half a quantisation step, 0.4% of the
/// unit's largest surviving weight. A pruned weight (drawn grey) may hold a larger value than every survivor: it is
/// clamped rather than allowed to set the scale, which quantised the survivors to a few pale levels (issue 11, defect 2).
/// </summary>
public static class FirstLayerFrameEncoder
{
    public static FirstLayerFrame Encode(RoundArrays arrays)
    {
        int inputs = arrays.Shape.Inputs;
        var scales = new float[arrays.Units];
        var weights = new sbyte[arrays.Weights.Length];
        for (int k = 0; k < arrays.Units; k++)
        {
            var row = arrays.Weights.AsSpan(k * inputs, inputs);
            var mask = arrays.Mask.AsSpan(k * inputs, inputs);
            float max = 0;
            for (int i = 0; i < inputs; i++)
            {
                if (mask[i] != 0)
                {
                    max = Math.Max(max, Math.Abs(row[i]));
                }
            }
            float scale = max > 0 ? max / 127f : 1f;
            scales[k] = scale;
            for (int i = 0; i < inputs; i++)
            {
                weights[k * inputs + i] = (sbyte)Math.Clamp(MathF.Round(row[i] / scale), -127, 127);
            }
        }
        return new FirstLayerFrame(arrays.Units, arrays.Shape, scales, weights, Pack(arrays.Mask), Pack(arrays.PrunedNext));
    }

    public static RoundFrame Frame(Guid runId, RoundResult round) =>
        new(runId, round with { Arrays = null, Checkpoint = null },
            round.Arrays is null ? new FirstLayerFrame(0, new InputShape(0, 0), [], [], [], []) : Encode(round.Arrays));

    private static byte[] Pack(byte[] flags)
    {
        var bits = new byte[(flags.Length + 7) / 8];
        for (int i = 0; i < flags.Length; i++)
        {
            if (flags[i] != 0)
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return bits;
    }
}

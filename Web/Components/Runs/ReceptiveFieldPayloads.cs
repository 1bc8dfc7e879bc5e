using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>How the grid orders its units.</summary>
public enum GridOrder
{
    Unit,

    /// <summary>Most local first (highest IPR); dead units, which have none, last.</summary>
    Ipr,
}

/// <summary>
/// What receptive-fields.js drawGrid receives: the int8 weights as raw bytes, one scale per unit, the mask bits; with
/// Shared, one colour scale for every unit, mapping Largest (or, when null, this grid's largest surviving |w|) to full colour.
/// </summary>
public sealed record GridPayload(int[] Order, int Height, int Width, int Columns, int Cell, int CellHeight, float[] Scales, byte[] Weights, byte[] Mask,
    bool Shared = false, double? Largest = null);

/// <summary>What receptive-fields.js drawMap receives: one unit's values (null where pruned), and the pixels to outline.</summary>
public sealed record MapPayload(double?[] Values, int Height, int Width, int Cell, int[] Marks);

public static class ReceptiveFieldLayout
{
    public static int[] Order(int units, IReadOnlyList<UnitMeasures> measures, GridOrder order)
    {
        var all = Enumerable.Range(0, units);
        if (order == GridOrder.Unit)
        {
            return [.. all];
        }
        var ipr = measures.Where(m => m.Unit < units).ToDictionary(m => m.Unit, m => m.Ipr);
        return [.. all.OrderByDescending(u => ipr.GetValueOrDefault(u) is { } v && double.IsFinite(v) ? v : double.NegativeInfinity).ThenBy(u => u)];
    }

    /// <summary>
    /// Pixels per input (wide, high) so a tile is 60 to 72 px across whatever the input size, large enough to see a blob:
    /// 12 x 12 px for a 6 x 6 torus, 3 px for 20 x 20 (60 px), 1 px for 64 x 64. A ring (1 x D) gets rows at least
    /// 6 px high, or it would be a hairline.
    /// </summary>
    public static (int Width, int Height) Cell(InputShape shape)
    {
        var cell = Math.Clamp(72 / Math.Max(shape.Width, shape.Height), 1, 12);
        return (cell, shape.Height == 1 ? Math.Max(cell, 6) : cell);
    }

    public static GridPayload Grid(FirstLayerFrame frame, int[] order, int columns, (int Width, int Height) cell, bool shared = false, double? largest = null)
    {
        var weights = new byte[frame.Weights.Length];
        Buffer.BlockCopy(frame.Weights, 0, weights, 0, weights.Length);
        return new GridPayload(order, frame.Shape.Height, frame.Shape.Width, columns, cell.Width, cell.Height, frame.Scales, weights, frame.MaskBits, shared, largest);
    }

    /// <summary>The largest surviving |w| of the round (what a shared scale maps to full red or blue), from the quantised frame.</summary>
    public static double LargestSurvivingWeight(FirstLayerFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int inputs = frame.Shape.Inputs;
        double max = 0;
        for (int index = 0; index < frame.Weights.Length; index++)
        {
            if ((frame.MaskBits[index >> 3] & (1 << (index & 7))) != 0)
            {
                max = Math.Max(max, Math.Abs(frame.Weights[index] * (double)frame.Scales[index / inputs]));
            }
        }
        return max;
    }
}

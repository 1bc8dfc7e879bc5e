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

/// <summary>What receptive-fields.js drawGrid receives: the int8 weights as raw bytes, one scale per unit, the mask bits.</summary>
public sealed record GridPayload(int[] Order, int Height, int Width, int Columns, int Cell, float[] Scales, byte[] Weights, byte[] Mask);

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

    /// <summary>Pixels per input so a tile is about 40 px across, whatever the input size.</summary>
    public static int Cell(InputShape shape) => Math.Clamp(40 / Math.Max(shape.Width, shape.Height * 4), 1, 12);

    public static GridPayload Grid(FirstLayerFrame frame, int[] order, int columns, int cell)
    {
        var weights = new byte[frame.Weights.Length];
        Buffer.BlockCopy(frame.Weights, 0, weights, 0, weights.Length);
        return new GridPayload(order, frame.Shape.Height, frame.Shape.Width, columns, cell, frame.Scales, weights, frame.MaskBits);
    }
}

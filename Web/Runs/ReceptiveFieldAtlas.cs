using LocalityLab.Shared.Results;
using SkiaSharp;

namespace LocalityLab.Web.Runs;

/// <summary>
/// Every hidden unit's receptive field in one PNG: a grid of tiles, a diverging colour map centred on 0 (blue
/// negative, white zero, red positive; each unit scaled to its own largest surviving |w|), pruned pixels in grey.
/// </summary>
public static class ReceptiveFieldAtlas
{
    private static readonly SKColor Pruned = new(150, 150, 150);
    private static readonly SKColor Gap = new(40, 40, 40);

    public static byte[] RenderPng(RoundArrays arrays, int pixelSize = 4, int gap = 2)
    {
        var shape = arrays.Shape;
        // A ring is a 1 x D strip: give it some height so it is visible.
        int tileWidth = shape.Width * pixelSize;
        int tileHeight = shape.Height == 1 ? 6 * pixelSize : shape.Height * pixelSize;
        int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(arrays.Units * (double)tileHeight / tileWidth)));
        int rows = (arrays.Units + columns - 1) / columns;
        int width = Math.Max(1, columns * (tileWidth + gap) + gap), height = Math.Max(1, rows * (tileHeight + gap) + gap);

        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(Gap);
        int inputs = shape.Inputs;
        for (int k = 0; k < arrays.Units; k++)
        {
            var row = arrays.Weights.AsSpan(k * inputs, inputs);
            var mask = arrays.Mask.AsSpan(k * inputs, inputs);
            // Scaled to the largest surviving |w|, as the grid and the unit detail are: a pruned weight's leftover value
            // must not pale the survivors.
            float max = 0;
            for (int i = 0; i < inputs; i++)
            {
                if (mask[i] != 0)
                {
                    max = Math.Max(max, Math.Abs(row[i]));
                }
            }
            int left = gap + k % columns * (tileWidth + gap), top = gap + k / columns * (tileHeight + gap);
            for (int i = 0; i < inputs; i++)
            {
                var color = arrays.Mask[k * inputs + i] == 0 ? Pruned : Diverging(max > 0 ? row[i] / max : 0);
                int x0 = left + i % shape.Width * pixelSize, y0 = top + i / shape.Width * pixelSize;
                int h = shape.Height == 1 ? tileHeight : pixelSize;
                for (int y = y0; y < y0 + h; y++)
                {
                    for (int x = x0; x < x0 + pixelSize; x++)
                    {
                        bitmap.SetPixel(x, y, color);
                    }
                }
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>t in [-1, 1]: -1 blue, 0 white, +1 red.</summary>
    public static SKColor Diverging(float t)
    {
        t = Math.Clamp(t, -1, 1);
        byte fade = (byte)Math.Round(255 * (1 - Math.Abs(t)));
        return t >= 0 ? new SKColor(255, fade, fade) : new SKColor(fade, fade, 255);
    }
}

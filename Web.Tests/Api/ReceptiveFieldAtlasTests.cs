using LocalityLab.Shared.Results;
using LocalityLab.Web.Runs;
using SkiaSharp;

namespace LocalityLab.Web.Tests.Api;

public sealed class ReceptiveFieldAtlasTests
{
    [Fact]
    public void Each_unit_is_a_tile_coloured_blue_white_red_with_pruned_pixels_grey()
    {
        // Two 2x2 units: unit 0 = [+1, -1, 0, pruned], unit 1 = [0.5, 0, 0, -0.25] (scaled to its own max 0.5).
        var arrays = new RoundArrays(2, InputShape.Square(2),
            Weights: [1f, -1f, 0f, 0f, 0.5f, 0f, 0f, -0.25f],
            Mask: [1, 1, 1, 0, 1, 1, 1, 1],
            PrunedNext: new byte[8], CavityDelta: new float[8], CavityGain: new float[8]);

        using var png = SKBitmap.Decode(ReceptiveFieldAtlas.RenderPng(arrays, pixelSize: 4, gap: 2));

        // Tiles are 8 x 8 pixels; two of them side by side with 2-pixel gaps: pixel (i % 2, i / 2) of unit k at
        // x = 2 + k * 10 + 4 * (i % 2), y = 2 + 4 * (i / 2).
        Assert.Equal(new SKColor(255, 0, 0), png.GetPixel(2 + 1, 2 + 1));
        Assert.Equal(new SKColor(0, 0, 255), png.GetPixel(2 + 4 + 1, 2 + 1));
        Assert.Equal(new SKColor(255, 255, 255), png.GetPixel(2 + 1, 2 + 4 + 1));
        Assert.Equal(new SKColor(150, 150, 150), png.GetPixel(2 + 4 + 1, 2 + 4 + 1));
        Assert.Equal(new SKColor(255, 0, 0), png.GetPixel(12 + 1, 2 + 1));
        Assert.Equal(new SKColor(128, 128, 255), png.GetPixel(12 + 4 + 1, 2 + 4 + 1));
        Assert.Equal((22, 12), (png.Width, png.Height));
    }

    [Fact]
    public void A_pruned_weight_however_large_does_not_pale_the_survivors_as_on_the_grid()
    {
        // Unit 0 = [0.5, -0.25, 0, pruned 4]: scaled to its largest surviving |w| 0.5, not to the pruned 4.
        var arrays = new RoundArrays(1, InputShape.Square(2),
            Weights: [0.5f, -0.25f, 0f, 4f],
            Mask: [1, 1, 1, 0],
            PrunedNext: new byte[4], CavityDelta: new float[4], CavityGain: new float[4]);

        using var png = SKBitmap.Decode(ReceptiveFieldAtlas.RenderPng(arrays, pixelSize: 4, gap: 2));

        Assert.Equal(new SKColor(255, 0, 0), png.GetPixel(2 + 1, 2 + 1));
        Assert.Equal(new SKColor(128, 128, 255), png.GetPixel(2 + 4 + 1, 2 + 1));
        Assert.Equal(new SKColor(150, 150, 150), png.GetPixel(2 + 4 + 1, 2 + 4 + 1));
    }
}

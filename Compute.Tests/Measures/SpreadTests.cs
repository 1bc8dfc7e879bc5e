using System.Numerics;
using LocalityLab.Compute.Measures;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class SpreadTests
{
    // Spread is 1 - |mean phasor|, a handful of float64 sums of at most D terms: rounding stays below 1e-13, so
    // 1e-12 tells exact identities apart from rounding.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(1, 16, 0)]
    [InlineData(1, 16, 15)]
    [InlineData(8, 8, 27)]
    [InlineData(8, 8, 63)]
    public void All_the_energy_on_one_pixel_gives_zero(int height, int width, int pixel)
    {
        var row = new float[height * width];
        row[pixel] = -2.5f;
        using var weights = tensor(row, [1, row.Length]);

        Assert.Equal(0.0, ReceptiveFieldMeasures.Spread(weights, new InputShape(height, width))[0], Exact);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(1, 7)]
    [InlineData(8, 8)]
    [InlineData(3, 5)]
    public void Uniform_energy_over_the_whole_ring_or_torus_gives_one(int height, int width)
    {
        // Signs do not matter, only w^2: the phasors of all pixels sum to exactly zero.
        var row = Enumerable.Range(0, height * width).Select(i => i % 3 == 0 ? -0.5f : 0.5f).ToArray();
        using var weights = tensor(row, [1, row.Length]);

        Assert.Equal(1.0, ReceptiveFieldMeasures.Spread(weights, new InputShape(height, width))[0], Exact);
    }

    [Fact]
    public void A_blob_across_the_ring_seam_is_as_local_as_the_same_blob_in_the_middle()
    {
        const int pixels = 16;
        float[] profile = [0.5f, -1f, 1f, 0.5f];
        var seam = new float[pixels];
        var middle = new float[pixels];
        int[] seamPixels = [pixels - 2, pixels - 1, 0, 1];
        for (int j = 0; j < 4; j++)
        {
            seam[seamPixels[j]] = profile[j];
            middle[6 + j] = profile[j];
        }
        using var weights = tensor(seam.Concat(middle).ToArray(), [2, pixels]);

        var spread = ReceptiveFieldMeasures.Spread(weights, InputShape.Ring(pixels));

        Assert.Equal(spread[1], spread[0], Exact);
        Assert.InRange(spread[0], 0.01, 0.2);
    }

    [Fact]
    public void A_blob_across_both_torus_seams_is_as_local_as_the_same_blob_in_the_middle()
    {
        const int side = 8;
        var corner = new float[side * side];
        var middle = new float[side * side];
        float[,] profile = { { 1f, 0.5f, 0.25f }, { 0.5f, -2f, 0.5f }, { 0.25f, 0.5f, 1f } };
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                corner[(r + side - 1) % side * side + (c + side - 1) % side] = profile[r, c];
                middle[(r + 3) * side + c + 3] = profile[r, c];
            }
        }
        using var weights = tensor(corner.Concat(middle).ToArray(), [2, side * side]);

        var spread = ReceptiveFieldMeasures.Spread(weights, InputShape.Square(side));

        Assert.Equal(spread[1], spread[0], Exact);
        Assert.InRange(spread[0], 0.01, 0.3);
    }

    [Fact]
    public void Translating_a_receptive_field_around_the_torus_leaves_its_spread_unchanged()
    {
        const int height = 6, width = 10;
        var original = SeededSamples.GaussianSingles(new Random(5), height * width);
        var shifted = new float[original.Length];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                shifted[(r + 4) % height * width + (c + 7) % width] = original[r * width + c];
            }
        }
        using var weights = tensor(original.Concat(shifted).ToArray(), [2, height * width]);

        var spread = ReceptiveFieldMeasures.Spread(weights, new InputShape(height, width));

        Assert.Equal(spread[0], spread[1], Exact);
    }

    [Fact]
    public void Scaling_the_weights_leaves_the_spread_unchanged()
    {
        const int pixels = 40;
        var row = SeededSamples.GaussianSingles(new Random(3), pixels);
        var scaled = row.Select(w => w * 3.7f).ToArray();
        using var weights = tensor(row.Concat(scaled).ToArray(), [2, pixels]);

        var spread = ReceptiveFieldMeasures.Spread(weights, InputShape.Ring(pixels));

        // Scaling rounds each float32 weight by up to 6e-8 relative, so q moves by ~1e-7 at most.
        Assert.Equal(spread[0], spread[1], 1e-6);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(5, 5)]
    [InlineData(4, 9)]
    [InlineData(7, 1)]
    public void Matches_a_slow_per_pixel_computation(int height, int width)
    {
        const int units = 6;
        var random = new Random(height * 100 + width);
        var values = SeededSamples.GaussianSingles(random, units * height * width);
        for (int i = 0; i < values.Length; i++)
        {
            if (random.NextDouble() < 0.6)
            {
                values[i] = 0;
            }
        }
        values[0] = 1; // at least one survivor in unit 0; the others almost surely have some
        using var weights = tensor(values, [units, height * width]);

        var spread = ReceptiveFieldMeasures.Spread(weights, new InputShape(height, width));

        for (int k = 0; k < units; k++)
        {
            var row = values.AsSpan(k * height * width, height * width).ToArray();
            Assert.Equal(SlowSpread(row, height, width), spread[k], Exact);
        }
    }

    [Fact]
    public void A_dead_unit_gives_NaN()
    {
        using var weights = tensor(new float[] { 0, 0, 0, 0, 1, 0, 0, 0 }, [2, 4]);

        var spread = ReceptiveFieldMeasures.Spread(weights, InputShape.Ring(4));

        Assert.True(double.IsNaN(spread[0]));
        Assert.Equal(0.0, spread[1], Exact);
    }

    [Fact]
    public void A_shape_that_does_not_match_the_weights_is_refused()
    {
        using var weights = zeros(2, 10);

        Assert.Throws<ArgumentException>(() => ReceptiveFieldMeasures.Spread(weights, InputShape.Square(3)));
    }

    /// <summary>The definition, pixel by pixel with complex numbers, one axis at a time.</summary>
    private static double SlowSpread(float[] row, int height, int width)
    {
        double energy = row.Sum(w => (double)w * w);
        var variances = new List<double>();
        foreach (var (length, vertical) in new[] { (height, true), (width, false) })
        {
            if (length < 2)
            {
                continue;
            }
            Complex resultant = Complex.Zero;
            for (int pixel = 0; pixel < row.Length; pixel++)
            {
                int coordinate = vertical ? pixel / width : pixel % width;
                double q = (double)row[pixel] * row[pixel] / energy;
                resultant += q * Complex.Exp(new Complex(0, 2 * Math.PI * coordinate / length));
            }
            variances.Add(1 - resultant.Magnitude);
        }
        return variances.Average();
    }
}

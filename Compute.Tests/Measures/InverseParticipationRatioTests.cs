using LocalityLab.Compute.Measures;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class InverseParticipationRatioTests
{
    [Fact]
    public void A_single_pixel_gives_exactly_one()
    {
        using var weights = tensor(new float[] { 0, 0, -3.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0.25f }, [2, 6]);

        var ipr = ReceptiveFieldMeasures.InverseParticipationRatio(weights);

        // w^4 / (w^2)^2 of one float64 value is exact.
        Assert.Equal([1.0, 1.0], ipr);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Equal_weights_on_n_survivors_give_one_over_n(int survivors)
    {
        const int inputs = 100;
        var row = new float[inputs];
        for (int i = 0; i < survivors; i++)
        {
            row[(i * 37) % inputs] = i % 2 == 0 ? 0.37f : -0.37f;
        }
        using var weights = tensor(row, [1, inputs]);

        var ipr = ReceptiveFieldMeasures.InverseParticipationRatio(weights);

        // Sums of n equal float64 terms: rounding of order n * 1e-16.
        Assert.Equal(1.0 / survivors, ipr[0], 1e-12);
    }

    [Fact]
    public void A_Gaussian_vector_gives_about_three_over_D()
    {
        const int units = 64, inputs = 1600;
        using var weights = tensor(SeededSamples.GaussianSingles(new Random(11), units * inputs), [units, inputs]);

        var ipr = ReceptiveFieldMeasures.InverseParticipationRatio(weights);

        // For w ~ N(0, I_D), w/|w| is uniform on the sphere, so E[IPR] = D E[u_i^4] = 3 / (D + 2) exactly (about 3/D).
        // One unit's IPR has relative spread at most sqrt((E w^8 - (E w^4)^2) / D) / E w^4 = sqrt(96 / D) / 3 = 8.2 %
        // (the denominator, positively correlated, only narrows it); the mean of 64 units is within 4 of its
        // standard errors, 4 * 8.2 % / 8 = 4.1 %, of 3 / (D + 2).
        double expected = 3.0 / (inputs + 2);
        double tolerance = 4 * Math.Sqrt(96.0 / inputs) / 3 / Math.Sqrt(units) * expected;
        Assert.InRange(ipr.Average(), expected - tolerance, expected + tolerance);
        Assert.All(ipr, value => Assert.InRange(value, 1.0 / inputs, 10.0 / inputs));
    }

    [Fact]
    public void A_dead_unit_gives_NaN_and_leaves_the_others_intact()
    {
        using var weights = tensor(new float[] { 0, 0, 0, 0, 1, 1, 0, 0 }, [2, 4]);

        var ipr = ReceptiveFieldMeasures.InverseParticipationRatio(weights);

        Assert.True(double.IsNaN(ipr[0]));
        Assert.Equal(0.5, ipr[1], 1e-15);
    }

    [Fact]
    public void Tiny_float32_weights_do_not_underflow()
    {
        // 1e-30^4 = 1e-120 underflows float32 but not float64, where the measure is computed.
        using var weights = tensor(new float[] { 1e-30f, 1e-30f, 0, 0 }, [1, 4]);

        Assert.Equal(0.5, ReceptiveFieldMeasures.InverseParticipationRatio(weights)[0], 1e-12);
    }
}

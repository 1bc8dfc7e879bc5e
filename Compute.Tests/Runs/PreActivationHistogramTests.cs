using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Runs;

public sealed class PreActivationHistogramTests
{
    [Fact]
    public void Histograms_count_standardised_pre_activations_like_a_slow_loop()
    {
        var random = new Random(8);
        int samples = 3000, units = 4;
        var values = new double[samples * units];
        for (int i = 0; i < values.Length; i++)
        {
            // Unit 3 is heavy-tailed so its outermost bins collect what lies beyond +-4 std.
            double u = random.NextDouble() - 0.5;
            values[i] = i % units == 3 ? Math.Tan(Math.PI * u * 0.98) : 2 * u + i % units;
        }
        using var h = tensor(values, [samples, units]);

        var histograms = RoundMeasurement.Histograms(h);

        for (int k = 0; k < units; k++)
        {
            var column = Enumerable.Range(0, samples).Select(n => values[n * units + k]).ToArray();
            double mean = column.Average(), std = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
            var expected = new int[UnitMeasures.Bins];
            double width = 2 * UnitMeasures.Range / UnitMeasures.Bins;
            foreach (var v in column)
            {
                int bin = (int)Math.Floor(((v - mean) / std + UnitMeasures.Range) / width);
                expected[Math.Clamp(bin, 0, UnitMeasures.Bins - 1)]++;
            }
            Assert.Equal(expected, histograms[k]);
            Assert.Equal(samples, histograms[k].Sum());
        }
        Assert.True(histograms[3][0] + histograms[3][^1] > 0, "heavy tails land in the edge bins");
    }
}

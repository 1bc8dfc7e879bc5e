using LocalityLab.Compute.Data;
using LocalityLab.Compute.Measures;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class PermutationNullTests
{
    private const int Side = 20, Pixels = Side * Side, Survivors = 9, Permutations = 64;

    [Fact]
    public void Locality_index_is_large_for_a_compact_blob_and_near_zero_for_a_scatter_of_as_many_pixels()
    {
        // The same nine weights (magnitudes 1 +- 0.2, random signs) on a 3 x 3 block of a 20 x 20 torus and on nine random
        // pixels. Spread of the block: 1 - (1 + 2 cos(2 pi / 20)) / 3 = 0.03; the null of nine random pixels has spread
        // ~0.65 with SD ~0.1, so the block's LI is about 6. A scatter is itself a draw from the null: its LI is a
        // standardised null draw (mean 0, SD ~1), so |LI| < 3 for each of twenty scatters and their mean within +-1
        // (over 4 standard errors of 1 / sqrt(20)); the ratio's SD per draw is ~0.2, so its mean over twenty lies within
        // 1 +- 0.2 (again over 4 standard errors) while the block's is ~0.05.
        var random = new Random(11);
        var values = SeededSamples.Gaussian(random, Survivors).Select((v, j) => (j % 2 == 0 ? 1 : -1) * (1 + 0.2 * Math.Tanh(v))).ToArray();
        int[] blob = [.. from r in Enumerable.Range(5, 3) from c in Enumerable.Range(18, 3) select r * Side + c % Side];
        var compact = Measure([Row(blob, values)], seed: 1);

        Assert.True(compact.LocalityIndex[0] > 3, $"LI of the blob is {compact.LocalityIndex[0]}");
        Assert.True(compact.SpreadRatio[0] < 0.3, $"spread ratio of the blob is {compact.SpreadRatio[0]}");

        var scatters = Enumerable.Range(0, 20).Select(s =>
        {
            var pixels = Enumerable.Range(0, Pixels).OrderBy(_ => random.Next()).Take(Survivors).ToArray();
            return Measure([Row(pixels, values)], seed: (ulong)(100 + s));
        }).ToList();
        Assert.All(scatters, s => Assert.InRange(s.LocalityIndex[0], -3, 3));
        Assert.InRange(scatters.Average(s => s.LocalityIndex[0]), -1, 1);
        Assert.InRange(scatters.Average(s => s.SpreadRatio[0]), 0.8, 1.2);
    }

    [Fact]
    public void Non_gaussianity_index_is_larger_for_weights_on_correlated_pixels_than_on_scattered_ones()
    {
        // NLGP with gain 10: each pixel is nearly a sign (excess kurtosis near -2). Nine scattered pixels average nine
        // nearly independent signs (within-class |k| ~ 2/9); nine neighbouring pixels with correlation lengths 2 and 4
        // move together, so h keeps much of one pixel's flat tails: a |k| many null SDs above chance. The scattered
        // unit is a null draw (NGI ~ N(0, 1)-like), so a margin of 3 between them only fails on a wrong null.
        var spec = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 16,
            CorrelationLengths = [2, 4],
            Gain = 10,
            TrainingSamples = 2,
            TestSamples = 4000,
        };
        using var generator = new Generator(3, CPU);
        using var data = ExperimentDataBuilder.Build(spec, generator);
        int side = spec.Size, pixels = side * side;
        var random = new Random(4);
        var values = SeededSamples.Gaussian(random, Survivors).Select(v => 1 + 0.2 * v).ToArray();
        int[] block = [.. from r in Enumerable.Range(6, 3) from c in Enumerable.Range(6, 3) select r * side + c];
        var scattered = Enumerable.Range(0, pixels).OrderBy(_ => random.Next()).Take(Survivors).ToArray();
        var w = new double[2 * pixels];
        for (int j = 0; j < Survivors; j++)
        {
            w[block[j]] = values[j];
            w[pixels + scattered[j]] = values[j];
        }
        using var weights = tensor(w, [2, pixels]);
        using var mask = weights.ne(0);
        using var nullGenerator = new Generator(5, CPU);

        var result = PermutationNull.Compute(data.Test.Inputs, data.Test.Labels, weights, mask, data.Shape, Permutations, nullGenerator);

        Assert.True(result.NonGaussianityIndex[0] > 3, $"NGI of the correlated unit is {result.NonGaussianityIndex[0]}");
        Assert.True(result.NonGaussianityIndex[0] > result.NonGaussianityIndex[1] + 3,
            $"NGI correlated {result.NonGaussianityIndex[0]}, scattered {result.NonGaussianityIndex[1]}");
        Assert.True(result.AbsKurtosisWithin[0] > result.AbsKurtosisWithin[1]);
    }

    [Fact]
    public void Null_statistics_equal_an_independent_slow_computation_of_the_same_placements()
    {
        // 5 x 4 torus, 4 units: dense, ~half pruned, three survivors, a single survivor. The placements are drawn again
        // from an identically seeded generator; spread and within-class |k| of each are then recomputed by plain float64
        // loops. Both sides are float64 sums of at most 60 terms in different orders (~1e-14 relative), so 1e-9 only
        // fails on a different definition or placement.
        const int height = 5, width = 4, inputs = height * width, samples = 60, units = 4, permutations = 8;
        var random = new Random(9);
        var x = SeededSamples.Gaussian(random, samples * inputs).Select(v => Math.Tanh(1.5 * v)).ToArray();
        var labels = Enumerable.Range(0, samples).Select(n => (long)(n % 3 == 0 ? 1 : 0)).ToArray();
        var w = SeededSamples.Gaussian(random, units * inputs);
        var m = new double[units * inputs];
        for (int i = 0; i < inputs; i++)
        {
            m[i] = 1;
            m[inputs + i] = random.NextDouble() < 0.5 ? 1 : 0;
            m[2 * inputs + i] = i is 2 or 7 or 13 ? 1 : 0;
            m[3 * inputs + i] = i == 11 ? 1 : 0;
        }
        var shape = new InputShape(height, width);
        using var xTensor = tensor(x, [samples, inputs]);
        using var labelTensor = tensor(labels);
        using var weights = tensor(w, [units, inputs]);
        using var mask = tensor(m, [units, inputs]);
        using var generator = new Generator(77, CPU);
        using var replay = new Generator(77, CPU);

        var result = PermutationNull.Compute(xTensor, labelTensor, weights, mask, shape, permutations, generator);
        var placements = PermutationNull.DrawPlacements(weights, mask, permutations, replay);

        Assert.Equal(Enumerable.Range(0, units), placements.Select(p => p.Unit));
        foreach (var (k, rows) in placements)
        {
            var survivors = Enumerable.Range(0, inputs).Where(i => m[k * inputs + i] != 0).ToArray();
            var spreads = new double[permutations];
            var kurtoses = new double[permutations];
            for (int p = 0; p < permutations; p++)
            {
                Assert.Equal(survivors.Length, rows[p].Distinct().Count());
                var permuted = new double[inputs];
                for (int j = 0; j < survivors.Length; j++)
                {
                    permuted[rows[p][j]] = w[k * inputs + survivors[j]];
                }
                spreads[p] = SlowSpread(permuted, height, width);
                kurtoses[p] = SlowWithinClassAbsoluteKurtosis(x, labels, permuted);
            }
            var actual = Enumerable.Range(0, inputs).Select(i => m[k * inputs + i] * w[k * inputs + i]).ToArray();
            double spread = SlowSpread(actual, height, width), kurtosis = SlowWithinClassAbsoluteKurtosis(x, labels, actual);
            AssertClose(spreads.Average(), result.SpreadNull[k]);
            AssertClose(SampleSd(spreads), result.SpreadNullSd[k]);
            AssertClose(kurtoses.Average(), result.AbsKurtosisWithinNull[k]);
            AssertClose(SampleSd(kurtoses), result.AbsKurtosisWithinNullSd[k]);
            AssertClose(kurtosis, result.AbsKurtosisWithin[k]);
            AssertClose((kurtosis - kurtoses.Average()) / SampleSd(kurtoses), result.NonGaussianityIndex[k]);
            if (k < 3)
            {
                AssertClose((spreads.Average() - spread) / SampleSd(spreads), result.LocalityIndex[k]);
                AssertClose(spread / spreads.Average(), result.SpreadRatio[k]);
            }
        }
        // A single survivor: every placement has spread 0, so the null SD is zero and LI and the ratio are undefined.
        Assert.True(double.IsNaN(result.LocalityIndex[3]), $"LI of the single survivor is {result.LocalityIndex[3]}");
        Assert.True(double.IsNaN(result.SpreadRatio[3]));
    }

    [Theory]
    [InlineData(6, 30, 4)]
    [InlineData(70, 1024, 64)] // 70 x 64 x 1024 uniforms: more than one draw of at most 2^22
    public void Placements_are_what_one_draw_per_live_unit_gives(int units, int inputs, int permutations)
    {
        // The null draws many units' placements at once; this is the definition it must keep: for each live unit in
        // unit order, the first s_k columns of argsort of an [M, D] draw of float64 uniforms from the generator.
        var random = new Random(21);
        var w = SeededSamples.Gaussian(random, units * inputs);
        var m = new double[units * inputs];
        for (int e = 0; e < m.Length; e++)
        {
            int k = e / inputs;
            m[e] = k == 1 ? 0 : random.NextDouble() < (k % 3 == 0 ? 0.9 : 0.1) ? 1 : 0; // unit 1 dead
        }
        using var weights = tensor(w, [units, inputs]);
        using var mask = tensor(m, [units, inputs]);
        using var generator = new Generator(5, CPU);
        using var replay = new Generator(5, CPU);

        var placements = PermutationNull.DrawPlacements(weights, mask, permutations, generator);

        var live = Enumerable.Range(0, units).Where(k => Enumerable.Range(0, inputs).Any(i => m[k * inputs + i] != 0)).ToArray();
        Assert.Equal(live, placements.Select(p => p.Unit));
        foreach (var (k, rows) in placements)
        {
            int survivors = Enumerable.Range(0, inputs).Count(i => m[k * inputs + i] != 0);
            using var order = rand([permutations, inputs], ScalarType.Float64, generator: replay).argsort(1);
            for (int p = 0; p < permutations; p++)
            {
                Assert.Equal(order[p].narrow(0, 0, survivors).data<long>().ToArray().Select(v => (int)v), rows[p]);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_null_and_another_seed_another()
    {
        var random = new Random(12);
        var values = SeededSamples.Gaussian(random, Survivors);
        var row = Row([.. Enumerable.Range(0, Survivors).Select(j => 21 * j)], values);

        var first = Measure([row], seed: 8);
        var again = Measure([row], seed: 8);
        var other = Measure([row], seed: 9);

        Assert.Equal(first.LocalityIndex, again.LocalityIndex);
        Assert.Equal(first.NonGaussianityIndex, again.NonGaussianityIndex);
        Assert.Equal(first.SpreadNull, again.SpreadNull);
        Assert.NotEqual(first.SpreadNull, other.SpreadNull);
        Assert.NotEqual(first.AbsKurtosisWithinNull, other.AbsKurtosisWithinNull);
    }

    [Fact]
    public void A_dead_unit_gets_no_null_measures_and_the_live_ones_do()
    {
        var values = SeededSamples.Gaussian(new Random(13), Survivors);
        var live = Row([.. Enumerable.Range(0, Survivors).Select(j => 37 * j)], values);

        var result = Measure([new double[Pixels], live], seed: 3);

        Assert.All(new[] { result.SpreadNull, result.SpreadNullSd, result.LocalityIndex, result.SpreadRatio, result.AbsKurtosisWithin,
            result.AbsKurtosisWithinNull, result.AbsKurtosisWithinNullSd, result.NonGaussianityIndex }, measure =>
        {
            Assert.True(double.IsNaN(measure[0]));
            Assert.True(double.IsFinite(measure[1]));
        });
    }

    /// <summary>The null of units on the 20 x 20 torus, with 200 Gaussian inputs (the kurtosis half is not examined).</summary>
    private static PermutationNullResult Measure(double[][] rows, ulong seed)
    {
        const int samples = 200;
        using var inputs = tensor(SeededSamples.Gaussian(new Random(1), samples * Pixels), [samples, Pixels]);
        using var labels = tensor(Enumerable.Range(0, samples).Select(n => (long)(n % 2)).ToArray());
        using var weights = tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, Pixels]);
        using var mask = weights.ne(0);
        using var generator = new Generator(seed, CPU);
        return PermutationNull.Compute(inputs, labels, weights, mask, InputShape.Square(Side), Permutations, generator);
    }

    private static double[] Row(int[] pixels, double[] values)
    {
        var row = new double[Pixels];
        for (int j = 0; j < pixels.Length; j++)
        {
            row[pixels[j]] = values[j];
        }
        return row;
    }

    /// <summary>Per periodic axis longer than one pixel, 1 - |sum_i q_i exp(2 pi i c_i / L)|, averaged over those axes.</summary>
    private static double SlowSpread(double[] w, int height, int width)
    {
        double energy = w.Sum(v => v * v);
        var spreads = new List<double>();
        foreach (var (length, coordinate) in new (int, Func<int, int>)[] { (height, i => i / width), (width, i => i % width) })
        {
            if (length < 2)
            {
                continue;
            }
            double re = 0, im = 0;
            for (int i = 0; i < w.Length; i++)
            {
                double angle = 2 * Math.PI * coordinate(i) / length;
                re += w[i] * w[i] / energy * Math.Cos(angle);
                im += w[i] * w[i] / energy * Math.Sin(angle);
            }
            spreads.Add(1 - Math.Sqrt(re * re + im * im));
        }
        return spreads.Average();
    }

    private static double SlowWithinClassAbsoluteKurtosis(double[] x, long[] labels, double[] w)
    {
        int inputs = w.Length;
        double sum = 0;
        for (int c = 0; c < 2; c++)
        {
            var h = new List<double>();
            for (int n = 0; n < labels.Length; n++)
            {
                if (labels[n] != c)
                {
                    continue;
                }
                double value = 0;
                for (int i = 0; i < inputs; i++)
                {
                    value += x[n * inputs + i] * w[i];
                }
                h.Add(value);
            }
            sum += Math.Abs(PreActivationStatisticsTests.SlowExcessKurtosis(h));
        }
        return sum / 2;
    }

    private static double SampleSd(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}

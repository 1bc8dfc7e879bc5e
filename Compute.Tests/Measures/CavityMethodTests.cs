using LocalityLab.Compute.Measures;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

public sealed class CavityMethodTests
{
    private const int Samples = 500, Units = 7, Inputs = 12;
    private const int DeadUnit = 3, SingleSurvivorUnit = 4, SingleSurvivorPixel = 5, DominatedUnit = 5;

    /// <summary>
    /// Both sides are float64 computations of the same numbers: the direct loop sums 500 terms per moment, the
    /// expansion sums matmul moments whose cancellation is bounded (entries that would lose more than 4 digits are
    /// recomputed directly), so they agree to better than 1e-12 of the kurtosis values the difference is made of
    /// (measured). 1e-6 of those leaves a wide margin for other BLAS builds yet fails on any wrong coefficient or
    /// moment, and on the expansion without its recomputation guard (both tried).
    /// </summary>
    private const double RelativeTolerance = 1e-6;

    [Fact]
    public void Cavity_map_equals_direct_recomputation_for_every_weight()
    {
        var (x, w, m) = SmallNetwork();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(w, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);

        var map = CavityMethod.Compute(inputs, weights, mask);

        Assert.Equal(Units, map.Units);
        Assert.Equal(Inputs, map.Inputs);
        int finite = 0;
        for (int k = 0; k < Units; k++)
        {
            var h = DirectPreActivation(x, w, m, k);
            double unit = PreActivationStatisticsTests.SlowExcessKurtosis(h);
            Assert.Equal(double.IsNaN(unit), double.IsNaN(map.UnitExcessKurtosis[k]));
            if (!double.IsNaN(unit))
            {
                Assert.Equal(unit, map.UnitExcessKurtosis[k], RelativeTolerance * Math.Max(1, Math.Abs(unit)));
            }
            for (int i = 0; i < Inputs; i++)
            {
                int e = k * Inputs + i;
                double cavity = m[e] == 0 ? double.NaN
                    : PreActivationStatisticsTests.SlowExcessKurtosis(h.Select((value, n) => value - (double)w[e] * x[n * Inputs + i]).ToArray());
                double expectedDelta = cavity - unit;
                double expectedGain = Math.Abs(cavity) - Math.Abs(unit);
                if (double.IsNaN(expectedDelta))
                {
                    Assert.True(double.IsNaN(map.Delta[e]), $"Delta[{k}, {i}] should be NaN, is {map.Delta[e]}");
                    Assert.True(double.IsNaN(map.Gain[e]), $"Gain[{k}, {i}] should be NaN, is {map.Gain[e]}");
                    continue;
                }
                double scale = RelativeTolerance * (Math.Abs(cavity) + Math.Abs(unit));
                Assert.True(Math.Abs(map.Delta[e] - expectedDelta) <= scale, $"Delta[{k}, {i}] = {map.Delta[e]}, directly {expectedDelta}");
                Assert.True(Math.Abs(map.Gain[e] - expectedGain) <= scale, $"Gain[{k}, {i}] = {map.Gain[e]}, directly {expectedGain}");
                finite++;
            }
        }

        // NaN exactly where pruned, in the dead unit, and for the one survivor whose removal leaves h = 0.
        int surviving = m.Count(value => value == 1);
        int deadSurvivors = Enumerable.Range(0, Inputs).Count(i => m[DeadUnit * Inputs + i] == 1);
        Assert.Equal(0, deadSurvivors);
        Assert.Equal(surviving - 1, finite);
        Assert.True(double.IsNaN(map.Delta[SingleSurvivorUnit * Inputs + SingleSurvivorPixel]));
        Assert.All(Enumerable.Range(0, Inputs), i => Assert.True(double.IsNaN(map.Delta[DeadUnit * Inputs + i])));
        Assert.True(double.IsNaN(map.UnitExcessKurtosis[DeadUnit]));
    }

    [Fact]
    public void Cavity_map_stays_exact_when_one_weight_carries_almost_all_of_a_units_variance()
    {
        // Unit DominatedUnit has one weight of 1 and the others 1e-4: removing the big one leaves a variance ~1e-7
        // of the terms the moment expansion subtracts, where it alone would keep no correct digit in the fourth moment.
        var (x, w, m) = SmallNetwork();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(w, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);

        var map = CavityMethod.Compute(inputs, weights, mask);

        var h = DirectPreActivation(x, w, m, DominatedUnit);
        double unit = PreActivationStatisticsTests.SlowExcessKurtosis(h);
        int e = DominatedUnit * Inputs;
        var cavityH = h.Select((value, n) => value - (double)w[e] * x[n * Inputs]).ToArray();
        double cavity = PreActivationStatisticsTests.SlowExcessKurtosis(cavityH);
        Assert.Equal(cavity - unit, map.Delta[e], RelativeTolerance * (Math.Abs(cavity) + Math.Abs(unit)));
    }

    [Fact]
    public void Within_class_cavity_map_equals_the_class_average_of_direct_recomputations()
    {
        // Class 1 (odd rows) is scaled by 1.7, a different variance, so the mixture's kurtosis differs from the classes'.
        var (x, w, m) = SmallNetwork();
        var labels = Enumerable.Range(0, Samples).Select(n => (long)(n % 2)).ToArray();
        var scaled = x.Select((value, j) => labels[j / Inputs] == 1 ? 1.7f * value : value).ToArray();
        using var inputs = tensor(scaled, [Samples, Inputs]);
        using var labelTensor = tensor(labels);
        using var weights = tensor(w, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);

        var map = CavityMethod.ComputeWithinClass(inputs, labelTensor, weights, mask);

        var random = new Random(5);
        int compared = 0;
        for (int trial = 0; trial < 20; trial++)
        {
            int e = random.Next(Units * Inputs);
            int k = e / Inputs, i = e % Inputs;
            double delta = 0, gain = 0;
            for (int c = 0; c < 2; c++)
            {
                var rows = Enumerable.Range(0, Samples).Where(n => labels[n] == c).ToArray();
                var h = rows.Select(n => Enumerable.Range(0, Inputs).Sum(j => m[k * Inputs + j] * (double)w[k * Inputs + j] * scaled[n * Inputs + j])).ToArray();
                double unit = PreActivationStatisticsTests.SlowExcessKurtosis(h);
                double cavity = m[e] == 0 ? double.NaN
                    : PreActivationStatisticsTests.SlowExcessKurtosis(h.Select((value, r) => value - (double)w[e] * scaled[rows[r] * Inputs + i]).ToArray());
                delta += (cavity - unit) / 2;
                gain += (Math.Abs(cavity) - Math.Abs(unit)) / 2;
            }
            if (double.IsNaN(delta))
            {
                Assert.True(double.IsNaN(map.Delta[e]), $"Delta[{k}, {i}] should be NaN, is {map.Delta[e]}");
                continue;
            }
            // The same float64 moments as the mixture test above on half the rows each: RelativeTolerance of the
            // kurtoses the difference is made of holds for the same reasons.
            double scale = RelativeTolerance * Math.Max(1, Math.Abs(delta) + Math.Abs(gain) + 2 * Math.Abs(map.UnitExcessKurtosis[k]));
            Assert.True(Math.Abs(map.Delta[e] - delta) <= scale, $"Delta[{k}, {i}] = {map.Delta[e]}, directly {delta}");
            Assert.True(Math.Abs(map.Gain[e] - gain) <= scale, $"Gain[{k}, {i}] = {map.Gain[e]}, directly {gain}");
            compared++;
        }
        Assert.True(compared >= 10, $"only {compared} surviving weights drawn");
    }

    [Fact]
    public void Unit_kurtosis_is_the_same_definition_as_the_pre_activation_statistics()
    {
        var (x, w, m) = SmallNetwork();
        var masked = w.Select((value, e) => value * m[e]).ToArray();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(masked, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);
        using var h = inputs.matmul(weights.t());

        var map = CavityMethod.Compute(inputs, weights, mask);
        var direct = PreActivationStatistics.ExcessKurtosis(h);

        // h from a float32 matmul (direct) against float64 (cavity): they differ by ~1e-7 relative.
        for (int k = 0; k < Units; k++)
        {
            Assert.Equal(double.IsNaN(direct[k]), double.IsNaN(map.UnitExcessKurtosis[k]));
            if (!double.IsNaN(direct[k]))
            {
                Assert.Equal(direct[k], map.UnitExcessKurtosis[k], 1e-5);
            }
        }
    }

    [Fact]
    public void Gain_and_delta_agree_in_sign_for_a_positively_kurtotic_unit_and_disagree_for_a_negative_one()
    {
        // Gain = |k'| - |k|: with both kurtoses positive it equals Delta, with both negative it is -Delta.
        var (x, w, m) = SmallNetwork();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(w, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);

        var map = CavityMethod.Compute(inputs, weights, mask);

        int checkedEntries = 0;
        for (int e = 0; e < map.Delta.Length; e++)
        {
            double unit = map.UnitExcessKurtosis[e / Inputs];
            double cavity = map.Delta[e] + unit;
            if (double.IsNaN(cavity) || Math.Sign(cavity) != Math.Sign(unit))
            {
                continue;
            }
            Assert.Equal(unit > 0 ? map.Delta[e] : -map.Delta[e], map.Gain[e], 1e-12);
            checkedEntries++;
        }
        Assert.True(checkedEntries > 20);
    }

    [Fact]
    public void A_boolean_mask_gives_the_same_map_as_a_float_mask()
    {
        var (x, w, m) = SmallNetwork();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(w, [Units, Inputs]);
        using var floatMask = tensor(m, [Units, Inputs]);
        using var boolMask = floatMask.to(ScalarType.Bool);

        var expected = CavityMethod.Compute(inputs, weights, floatMask);
        var actual = CavityMethod.Compute(inputs, weights, boolMask);

        // The same computation on the same numbers: bit for bit.
        Assert.Equal(expected.Delta, actual.Delta);
        Assert.Equal(expected.Gain, actual.Gain);
    }

    [Fact]
    public void A_cancelled_token_stops_the_computation()
    {
        var (x, w, m) = SmallNetwork();
        using var inputs = tensor(x, [Samples, Inputs]);
        using var weights = tensor(w, [Units, Inputs]);
        using var mask = tensor(m, [Units, Inputs]);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => CavityMethod.Compute(inputs, weights, mask, cancellation.Token));
    }

    [Fact]
    public void A_mask_of_another_shape_is_refused()
    {
        using var inputs = zeros(10, 4);
        using var weights = zeros(3, 4);
        using var mask = ones(3, 5);

        Assert.Throws<ArgumentException>(() => CavityMethod.Compute(inputs, weights, mask));
    }

    /// <summary>
    /// Non-Gaussian, correlated inputs (tanh of a moving average of Gaussians) and seven units: three generic with
    /// about 30 % pruned, one dead (all pruned, yet with nonzero stale values that must be ignored), one with a single
    /// survivor, one dominated by a single weight, one dense.
    /// </summary>
    private static (float[] X, float[] W, float[] M) SmallNetwork()
    {
        var random = new Random(2024);
        var noise = SeededSamples.Gaussian(random, Samples * (Inputs + 1));
        var x = new float[Samples * Inputs];
        for (int n = 0; n < Samples; n++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                double z = noise[n * (Inputs + 1) + i] + 0.7 * noise[n * (Inputs + 1) + i + 1];
                x[n * Inputs + i] = (float)(Math.Tanh(2 * z) + 0.1);
            }
        }
        var w = SeededSamples.GaussianSingles(random, Units * Inputs);
        var m = new float[Units * Inputs];
        for (int k = 0; k < Units; k++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                int e = k * Inputs + i;
                m[e] = k switch
                {
                    DeadUnit => 0,
                    SingleSurvivorUnit => i == SingleSurvivorPixel ? 1 : 0,
                    DominatedUnit or 6 => 1,
                    _ => random.NextDouble() < 0.3 ? 0 : 1,
                };
                if (k == DominatedUnit)
                {
                    w[e] = i == 0 ? 1f : (i % 2 == 0 ? 1e-4f : -1e-4f);
                }
            }
        }
        return (x, w, m);
    }

    /// <summary>h_k = sum_i m_ki w_ki x_i for every sample, in float64.</summary>
    private static double[] DirectPreActivation(float[] x, float[] w, float[] m, int unit)
    {
        var h = new double[Samples];
        for (int n = 0; n < Samples; n++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                int e = unit * Inputs + i;
                if (m[e] != 0)
                {
                    h[n] += (double)w[e] * x[n * Inputs + i];
                }
            }
        }
        return h;
    }
}

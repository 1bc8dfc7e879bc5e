using System.Buffers;
using LocalityLab.Shared.Results;
using LocalityLab.Web.Runs;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LocalityLab.Web.Tests.Runs;

public sealed class FirstLayerFrameTests
{
    private static RoundArrays Arrays(int units, int side, int seed)
    {
        var random = new Random(seed);
        int n = units * side * side;
        var mask = Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.7 ? 1 : 0)).ToArray();
        var weights = Enumerable.Range(0, n).Select(i => mask[i] == 0 ? 0f : (float)(random.NextDouble() * 2 - 1) * (1 + i / (side * side))).ToArray();
        var prunedNext = Enumerable.Range(0, n).Select(i => (byte)(mask[i] == 1 && random.NextDouble() < 0.3 ? 1 : 0)).ToArray();
        var cavity = Enumerable.Range(0, n).Select(i => mask[i] == 0 ? float.NaN : (float)random.NextDouble()).ToArray();
        return new RoundArrays(units, InputShape.Square(side), weights, mask, prunedNext, cavity, cavity);
    }

    [Fact]
    public void Quantised_weights_are_within_half_a_step_of_each_units_scale_and_bits_are_exact()
    {
        var arrays = Arrays(units: 12, side: 9, seed: 4);

        var frame = FirstLayerFrameEncoder.Encode(arrays);

        int inputs = arrays.Shape.Inputs;
        for (int i = 0; i < arrays.Weights.Length; i++)
        {
            float max = arrays.Weights.AsSpan(i / inputs * inputs, inputs).ToArray().Max(Math.Abs);
            // Symmetric rounding to 127 levels: the error is at most half a step, max / 254 (plus float rounding).
            Assert.InRange(frame.Weight(i) - arrays.Weights[i], -max / 254 * 1.0001f, max / 254 * 1.0001f);
            Assert.Equal(arrays.Mask[i] == 1, frame.Survives(i));
            Assert.Equal(arrays.PrunedNext[i] == 1, frame.PrunedNext(i));
        }
    }

    [Fact]
    public void A_pruned_weight_larger_than_every_survivor_does_not_set_its_unit_s_scale()
    {
        var arrays = Arrays(units: 3, side: 5, seed: 9);
        int inputs = arrays.Shape.Inputs;
        // Unit 1's first input: pruned, yet 1000 times larger than any weight.
        var weights = (float[])arrays.Weights.Clone();
        var mask = (byte[])arrays.Mask.Clone();
        weights[inputs] = 1000;
        mask[inputs] = 0;

        var frame = FirstLayerFrameEncoder.Encode(arrays with { Weights = weights, Mask = mask });

        // The survivors keep their half-step precision against their own largest |w| (issue 11, defect 2: they were
        // quantised against the pruned weight, to a few pale levels).
        float survivorsMax = Enumerable.Range(inputs, inputs).Where(i => mask[i] == 1).Max(i => Math.Abs(weights[i]));
        foreach (int i in Enumerable.Range(inputs, inputs).Where(i => mask[i] == 1))
        {
            Assert.InRange(frame.Weight(i) - weights[i], -survivorsMax / 254 * 1.0001f, survivorsMax / 254 * 1.0001f);
        }
        Assert.Equal(survivorsMax / 127, frame.Scales[1], 1e-6);
    }

    [Fact]
    public void One_round_of_K_100_and_D_1600_is_under_300_KB_on_the_wire()
    {
        var arrays = Arrays(units: 100, side: 40, seed: 5);
        var units = Enumerable.Range(0, 100).Select(k => new UnitMeasures(k, 1100, false, 0.01, 0.5, -0.3, [-0.5, -0.2], [.. Enumerable.Range(0, UnitMeasures.Bins).Select(b => 50 * b)])).ToList();
        var summary = new RoundResult
        {
            Round = 3,
            Sparsity = 0.657,
            Layers = [new LayerSparsity(0, 160_000, 54_880, 0.657, true), new LayerSparsity(1, 100, 100, 0, false)],
            Steps = 3130,
            TrainLoss = 0.1,
            TestAccuracy = 0.9,
            TestLoss = 0.2,
            Units = 100,
            DeadUnits = 0,
            Ipr = new Distribution(100, 0.01, 0.01, 0.01, 0.02, 0.001, 0.1),
            Spread = Distribution.Empty,
            ExcessKurtosis = Distribution.Empty,
            ExcessKurtosisByClass = [Distribution.Empty, Distribution.Empty],
            Cavity = new CavitySummary(new CavityGroup(5, 0.1, 0.1, 0.1, 0.1, 0.5, 0.2), new CavityGroup(5, 0.1, 0.1, 0.1, 0.1, 0.5, 0.2)),
            UnitMeasures = units,
            Seconds = 4.2,
            Arrays = arrays,
        };
        var frame = FirstLayerFrameEncoder.Frame(Guid.NewGuid(), summary);
        var protocol = new MessagePackHubProtocol();
        var buffer = new ArrayBufferWriter<byte>();

        protocol.WriteMessage(new InvocationMessage("RoundCompleted", [frame]), buffer);

        Assert.Null(frame.Summary.Arrays);
        Assert.True(buffer.WrittenCount < 300 * 1024, $"{buffer.WrittenCount:N0} bytes");
        // The weights alone as float32 would be 640 KB: the frame must be the compact form.
        Assert.True(buffer.WrittenCount > 160_000, "the quantised weights are all there");
    }
}

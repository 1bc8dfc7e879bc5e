using LocalityLab.Compute.Measures;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Runs;

/// <summary>Every per-round measure of the first layer on the fixed test set (SCIENCE.md, "Measures, per round").</summary>
internal sealed record RoundMeasurement(
    IReadOnlyList<UnitMeasures> Units,
    Distribution Ipr,
    Distribution Spread,
    Distribution ExcessKurtosis,
    IReadOnlyList<Distribution> ExcessKurtosisByClass,
    CavitySummary Cavity,
    RoundArrays Arrays)
{
    /// <summary>Over live units: spread / null mean.</summary>
    public Distribution SpreadRatio { get; init; } = Distribution.Empty;

    /// <summary>Over live units: the locality index.</summary>
    public Distribution LocalityIndex { get; init; } = Distribution.Empty;

    /// <summary>Over live units: within-class |excess kurtosis|.</summary>
    public Distribution AbsKurtosisWithin { get; init; } = Distribution.Empty;

    /// <summary>Over live units: the non-Gaussianity index.</summary>
    public Distribution NonGaussianityIndex { get; init; } = Distribution.Empty;

    /// <summary>The within-class cavity attribution, pruned next vs kept.</summary>
    public required CavitySummary CavityWithinClass { get; init; }

    private const int Classes = 2;

    /// <summary>Measures a round's first layer under <paramref name="masks"/>; <paramref name="nextMasks"/> says which weights are pruned next.</summary>
    /// <param name="layer">The first layer and the test set, copied off the network when the round's training ended.</param>
    /// <param name="spec">How many placements make the permutation null.</param>
    /// <param name="nullSeed">Seeds the permutation null's own generator (not the run's), so the same seed gives the same null.</param>
    public static RoundMeasurement Measure(
        MeasuredLayer layer,
        IReadOnlyDictionary<int, float[]> masks,
        IReadOnlyDictionary<int, float[]> nextMasks,
        MeasuresSpec spec,
        ulong nullSeed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weights = layer.Weights;
        int units = (int)weights.shape[0], inputs = (int)weights.shape[1];
        var maskValues = masks.TryGetValue(0, out var m) ? m : Enumerable.Repeat(1f, units * inputs).ToArray();
        var mask = tensor(maskValues, [units, inputs]);
        var x = layer.Inputs;
        var labels = layer.Labels;

        var ipr = ReceptiveFieldMeasures.InverseParticipationRatio(weights);
        var spread = ReceptiveFieldMeasures.Spread(weights, layer.Shape);
        var h = x.to(ScalarType.Float64).matmul(weights.to(ScalarType.Float64).t());
        var kurtosis = PreActivationStatistics.ExcessKurtosis(h);
        var histograms = Histograms(h);
        var kurtosisByClass = new double[Classes][];
        for (int c = 0; c < Classes; c++)
        {
            var rows = labels.eq(ConstantScalars.Label(c)).nonzero().squeeze(1);
            kurtosisByClass[c] = rows.numel() > 0
                ? PreActivationStatistics.ExcessKurtosis(h.index_select(0, rows))
                : Enumerable.Repeat(double.NaN, units).ToArray();
        }
        cancellationToken.ThrowIfCancellationRequested();
        var cavity = CavityMethod.Compute(x, weights, mask, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var cavityWithin = CavityMethod.ComputeWithinClass(x, labels, weights, mask, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        using var nullGenerator = new Generator(nullSeed);
        var nulls = PermutationNull.Compute(x, labels, weights, mask, layer.Shape, spec.NullPermutations, nullGenerator, cancellationToken);

        var weightValues = weights.data<float>().ToArray();
        var maskBytes = maskValues.Select(v => v != 0 ? (byte)1 : (byte)0).ToArray();
        var nextFirst = nextMasks.TryGetValue(0, out var n) ? n : maskValues;
        var prunedNext = new byte[maskBytes.Length];
        for (int i = 0; i < prunedNext.Length; i++)
        {
            prunedNext[i] = maskBytes[i] == 1 && nextFirst[i] == 0 ? (byte)1 : (byte)0;
        }

        var unitMeasures = new UnitMeasures[units];
        for (int k = 0; k < units; k++)
        {
            int surviving = 0;
            for (int i = 0; i < inputs; i++)
            {
                surviving += maskBytes[k * inputs + i];
            }
            bool dead = !double.IsFinite(ipr[k]);
            unitMeasures[k] = new UnitMeasures(k, surviving, dead,
                Finite(ipr[k]), Finite(spread[k]), Finite(kurtosis[k]),
                [.. kurtosisByClass.Select(byClass => Finite(byClass[k]))],
                dead ? [] : histograms[k],
                Finite(nulls.SpreadNull[k]), Finite(nulls.SpreadNullSd[k]), Finite(nulls.LocalityIndex[k]), Finite(nulls.SpreadRatio[k]),
                Finite(nulls.AbsKurtosisWithin[k]), Finite(nulls.AbsKurtosisWithinNull[k]), Finite(nulls.AbsKurtosisWithinNullSd[k]),
                Finite(nulls.NonGaussianityIndex[k]));
        }

        return new RoundMeasurement(
            unitMeasures,
            DistributionSummary.Of(ipr),
            DistributionSummary.Of(spread),
            DistributionSummary.Of(kurtosis),
            [.. kurtosisByClass.Select(DistributionSummary.Of)],
            CavityStatistics.Summarize(cavity, weightValues, maskBytes, prunedNext),
            new RoundArrays(units, layer.Shape, weightValues, maskBytes, prunedNext,
                [.. cavity.Delta.Select(v => (float)v)], [.. cavity.Gain.Select(v => (float)v)])
            {
                CavityDeltaWithin = [.. cavityWithin.Delta.Select(v => (float)v)],
                CavityGainWithin = [.. cavityWithin.Gain.Select(v => (float)v)],
            })
        {
            SpreadRatio = DistributionSummary.Of(nulls.SpreadRatio),
            LocalityIndex = DistributionSummary.Of(nulls.LocalityIndex),
            AbsKurtosisWithin = DistributionSummary.Of(nulls.AbsKurtosisWithin),
            NonGaussianityIndex = DistributionSummary.Of(nulls.NonGaussianityIndex),
            CavityWithinClass = CavityStatistics.Summarize(cavityWithin, weightValues, maskBytes, prunedNext),
        };
    }

    /// <summary>Per unit, counts of (h - mean) / std in UnitMeasures.Bins bins on [-Range, Range], edges clamped.</summary>
    internal static int[][] Histograms(Tensor preActivations)
    {
        using var scope = NewDisposeScope();
        var h = preActivations.to(ScalarType.Float64);
        using var tiny = 1e-300.ToScalar();
        using var range = ((double)UnitMeasures.Range).ToScalar();
        using var width = (2.0 * UnitMeasures.Range / UnitMeasures.Bins).ToScalar();
        using var lastBin = ((double)(UnitMeasures.Bins - 1)).ToScalar();
        var z = (h - h.mean([0], keepdim: true)) / h.std(0, unbiased: false, keepdim: true).clamp_min(tiny);
        var bins = z.add(range, ConstantScalars.One).div_(width).floor_().clamp_(ConstantScalars.Zero, lastBin).to(ScalarType.Int64).t().contiguous();
        int units = (int)bins.shape[0], samples = (int)bins.shape[1];
        var values = bins.data<long>().ToArray();
        var histograms = new int[units][];
        for (int k = 0; k < units; k++)
        {
            histograms[k] = new int[UnitMeasures.Bins];
            for (int n = 0; n < samples; n++)
            {
                histograms[k][values[k * samples + n]]++;
            }
        }
        return histograms;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

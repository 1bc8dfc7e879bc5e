using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// The sparsity-matched permutation null of each unit's spread and within-class |excess kurtosis| (SCIENCE.md,
/// "Measures, per round"): the same unit's surviving weight values placed at uniformly random distinct pixels.
/// Spread and |kurtosis| both fall or rise with sparsity alone; measured against this null, what is left is where
/// the surviving weights sit.
/// </summary>
internal static class PermutationNull
{
    /// <summary>The labels of the two classes whose within-class kurtosis is averaged.</summary>
    private const int Classes = 2;

    /// <summary>Float64 elements per block of permuted pre-activations (N_c x units' M columns): 32 MB, so memory stays bounded.</summary>
    private const long BlockElements = 1L << 22;

    /// <summary>
    /// A null SD at most this (times max(1, |null mean|)) counts as zero: spread lies in [0, 1] and both spread and
    /// kurtosis are float64 sums accurate to about 1e-13, so a smaller SD is rounding of a null with no spread at all
    /// (one surviving weight on a lattice: every placement has spread exactly 0), and dividing by it would give noise.
    /// </summary>
    internal const double ZeroSd = 1e-12;

    /// <summary>
    /// For every unit k: M placements of its s_k surviving weights (mask != 0, in pixel order) at distinct pixels, each the
    /// first s_k entries of a uniformly random permutation of the D pixels (argsort of D float64 uniforms from
    /// <paramref name="generator"/>, the rows of one [M, D] draw per live unit in unit order); then per placement the spread of the
    /// permuted weights on <paramref name="shape"/> (as <see cref="ReceptiveFieldMeasures.Spread"/>) and the within-class
    /// |excess kurtosis| of h = X_c w_perm (population moments as <see cref="PreActivationStatistics.ExcessKurtosis"/>,
    /// averaged over classes 0 and 1), from one float64 [N_c, D] @ [D, units * M] product per class and block of units.
    /// Null means and sample SDs (1 / (M - 1)) over the M placements. A dead unit gets NaN everywhere; so do LI, NGI and
    /// the spread ratio where the null SD (mean) is zero up to rounding (<see cref="ZeroSd"/>), and the kurtosis measures
    /// where a class has no rows.
    /// </summary>
    /// <param name="inputs">X [N, D], the test set as the first layer sees it.</param>
    /// <param name="labels">[N] class labels 0 and 1.</param>
    /// <param name="weights">W [K, D]; entries where <paramref name="mask"/> is zero are ignored.</param>
    /// <param name="mask">M [K, D], nonzero where the weight survives.</param>
    /// <param name="permutations">M, the number of placements per unit (at least 2 for an SD).</param>
    /// <param name="generator">The source of the placements; only it decides them.</param>
    public static PermutationNullResult Compute(
        Tensor inputs, Tensor labels, Tensor weights, Tensor mask, InputShape shape, int permutations, Generator generator,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 2);
        var (units, pixels, values, keep) = Survivors(weights, mask);
        if (inputs.dim() != 2 || inputs.shape[1] != pixels || labels.numel() != inputs.shape[0])
        {
            throw new ArgumentException($"Inputs must be [N, {pixels}] with N labels; got [{string.Join(", ", inputs.shape)}] and {labels.numel()} labels.");
        }
        if (shape.Inputs != pixels)
        {
            throw new ArgumentException($"Weights have {pixels} inputs but the input shape is {shape.Height} x {shape.Width}.", nameof(shape));
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = inputs.detach().cpu().to(ScalarType.Float64);
        var y = labels.detach().cpu().to(ScalarType.Int64);
        var byClass = new Tensor[Classes];
        for (int c = 0; c < Classes; c++)
        {
            byClass[c] = x.index_select(0, y.eq(ConstantScalars.Label(c)).nonzero().squeeze(1));
        }
        var masked = torch.tensor(MaskedRows(values, keep, units, pixels), [units, pixels], ScalarType.Float64);
        var actualSpread = ReceptiveFieldMeasures.Spread(masked, shape);
        var actualKurtosis = WithinClassAbsoluteKurtosis(byClass, masked);

        var result = new PermutationNullResult(units);
        long largestClass = Math.Max(1, byClass.Max(c => c.shape[0]));
        int unitsPerBlock = (int)Math.Clamp(BlockElements / ((long)permutations * Math.Max(largestClass, pixels)), 1, Math.Max(1, units));
        var live = Enumerable.Range(0, units).Where(k => keep[k].Length > 0).ToArray();
        using var placements = Placements(keep, pixels, permutations, generator).GetEnumerator();
        for (int start = 0; start < live.Length; start += unitsPerBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var blockScope = torch.NewDisposeScope();
            var block = live.AsSpan(start, Math.Min(unitsPerBlock, live.Length - start)).ToArray();
            var permuted = new double[block.Length * permutations * pixels];
            for (int b = 0; b < block.Length; b++)
            {
                // The placements come in live-unit order, one per unit, exactly as the blocks walk the live units.
                placements.MoveNext();
                var (k, rows) = placements.Current;
                for (int m = 0; m < permutations; m++)
                {
                    int row = (b * permutations + m) * pixels;
                    for (int j = 0; j < rows[m].Length; j++)
                    {
                        permuted[row + rows[m][j]] = values[k][j];
                    }
                }
            }
            var w = torch.tensor(permuted, [block.Length * permutations, pixels], ScalarType.Float64);
            var nullSpread = ReceptiveFieldMeasures.Spread(w, shape);
            var nullKurtosis = WithinClassAbsoluteKurtosis(byClass, w);
            for (int b = 0; b < block.Length; b++)
            {
                int k = block[b];
                var (spreadMean, spreadSd) = MeanAndSd(nullSpread.AsSpan(b * permutations, permutations));
                var (kurtosisMean, kurtosisSd) = MeanAndSd(nullKurtosis.AsSpan(b * permutations, permutations));
                result.SpreadNull[k] = spreadMean;
                result.SpreadNullSd[k] = spreadSd;
                result.LocalityIndex[k] = IsZero(spreadSd, spreadMean) ? double.NaN : (spreadMean - actualSpread[k]) / spreadSd;
                result.SpreadRatio[k] = IsZero(spreadMean, 0) ? double.NaN : actualSpread[k] / spreadMean;
                result.AbsKurtosisWithin[k] = actualKurtosis[k];
                result.AbsKurtosisWithinNull[k] = kurtosisMean;
                result.AbsKurtosisWithinNullSd[k] = kurtosisSd;
                result.NonGaussianityIndex[k] = IsZero(kurtosisSd, kurtosisMean) ? double.NaN : (actualKurtosis[k] - kurtosisMean) / kurtosisSd;
            }
        }
        return result;
    }

    /// <summary>
    /// The placements <see cref="Compute"/> draws from <paramref name="generator"/>, in the same order: for each live unit
    /// (in unit order), M rows of the pixels its surviving weights (in pixel order) go to. For tests that recompute the null.
    /// </summary>
    internal static IReadOnlyList<(int Unit, int[][] Pixels)> DrawPlacements(Tensor weights, Tensor mask, int permutations, Generator generator)
    {
        var (_, pixels, _, keep) = Survivors(weights, mask);
        return [.. Placements(keep, pixels, permutations, generator)];
    }

    private static IEnumerable<(int Unit, int[][] Pixels)> Placements(int[][] keep, int pixels, int permutations, Generator generator)
    {
        var live = Enumerable.Range(0, keep.Length).Where(k => keep[k].Length > 0).ToArray();
        // Many units' [M, D] draws in one [units * M, D] draw: the CPU generator fills a tensor in order, so this takes
        // the same numbers, unit by unit, as one draw per unit would (tested), at a fraction of the calls.
        int unitsPerDraw = (int)Math.Clamp(BlockElements / ((long)permutations * pixels), 1, Math.Max(1, live.Length));
        for (int start = 0; start < live.Length; start += unitsPerDraw)
        {
            int count = Math.Min(unitsPerDraw, live.Length - start);
            // Only the first s_k places of each permutation are used: the s_max smallest uniforms in ascending order are
            // exactly argsort's first s_max entries (the values are distinct with probability ~1 - D^2 / 2^53), without
            // sorting or copying out the rest of each row (at 94% sparsity, 24 of 400).
            int used = live.AsSpan(start, count).ToArray().Max(k => keep[k].Length);
            long[] order;
            using (var scope = torch.NewDisposeScope())
            {
                // argsort of iid uniforms is a uniformly random permutation (float64 ties have probability ~D^2 / 2^53).
                order = torch.rand([count * permutations, pixels], ScalarType.Float64, generator: generator)
                    .topk(used, dim: 1, largest: false, sorted: true).indexes.contiguous().data<long>().ToArray();
            }
            for (int b = 0; b < count; b++)
            {
                int k = live[start + b], survivors = keep[k].Length;
                var rows = new int[permutations][];
                for (int m = 0; m < permutations; m++)
                {
                    long row = ((long)b * permutations + m) * used;
                    rows[m] = new int[survivors];
                    for (int j = 0; j < survivors; j++)
                    {
                        rows[m][j] = (int)order[row + j];
                    }
                }
                yield return (k, rows);
            }
        }
    }

    /// <summary>Per unit, the surviving weights' values and pixels, in pixel order.</summary>
    private static (int Units, int Pixels, double[][] Values, int[][] Keep) Survivors(Tensor weights, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(mask);
        if (weights.dim() != 2 || !mask.shape.SequenceEqual(weights.shape))
        {
            throw new ArgumentException($"Weights must be [K, D] and the mask the same; got [{string.Join(", ", weights.shape)}] and [{string.Join(", ", mask.shape)}].");
        }
        int units = (int)weights.shape[0], pixels = (int)weights.shape[1];
        var w = weights.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
        using var keepTensor = mask.detach().cpu().ne(ConstantScalars.Zero).contiguous();
        var m = keepTensor.data<bool>().ToArray();
        var values = new double[units][];
        var keep = new int[units][];
        for (int k = 0; k < units; k++)
        {
            // A surviving weight that is exactly zero carries no energy: the unit is dead if all of them are.
            bool any = false;
            var kept = new List<int>();
            for (int i = 0; i < pixels; i++)
            {
                if (m[k * pixels + i])
                {
                    kept.Add(i);
                    any |= w[k * pixels + i] != 0;
                }
            }
            keep[k] = any ? [.. kept] : [];
            values[k] = [.. keep[k].Select(i => w[k * pixels + i])];
        }
        return (units, pixels, values, keep);
    }

    private static double[] MaskedRows(double[][] values, int[][] keep, int units, int pixels)
    {
        var rows = new double[units * pixels];
        for (int k = 0; k < units; k++)
        {
            for (int j = 0; j < keep[k].Length; j++)
            {
                rows[k * pixels + keep[k][j]] = values[k][j];
            }
        }
        return rows;
    }

    /// <summary>Per row of <paramref name="w"/>: the mean over the classes of |exkurt(X_c w)|; NaN if a class is empty or h constant.</summary>
    private static double[] WithinClassAbsoluteKurtosis(Tensor[] byClass, Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var sum = torch.zeros(w.shape[0], ScalarType.Float64);
        foreach (var x in byClass)
        {
            var kurtosis = x.shape[0] == 0
                ? torch.full(w.shape[0], ConstantScalars.NaN, ScalarType.Float64)
                : ExcessKurtosisFormula.OfColumnsInPlace(x.matmul(w.t()));
            sum.add_(kurtosis.abs(), ConstantScalars.One);
        }
        // Divided on the host: an implicitly converted Scalar can be finalised while libtorch still reads it, which
        // showed up as "Unknown scalar type" in the middle of a long study.
        var means = sum.contiguous().data<double>().ToArray();
        for (int i = 0; i < means.Length; i++)
        {
            means[i] /= byClass.Length;
        }
        return means;
    }

    /// <summary>Mean and sample SD (1 / (n - 1)) of finite values; NaN if fewer than two are finite.</summary>
    private static (double Mean, double Sd) MeanAndSd(ReadOnlySpan<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                count++;
            }
        }
        if (count < 2)
        {
            return (count == 1 ? sum : double.NaN, double.NaN);
        }
        double mean = sum / count, squares = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                squares += (v - mean) * (v - mean);
            }
        }
        return (mean, Math.Sqrt(squares / (count - 1)));
    }

    private static bool IsZero(double value, double scale) => !(Math.Abs(value) > ZeroSd * Math.Max(1, Math.Abs(scale)));
}

/// <summary>
/// The permutation null of every unit (NaN for a dead unit, and where <see cref="PermutationNull.Compute"/> says).
/// SDs are sample SDs over the M placements.
/// </summary>
internal sealed class PermutationNullResult
{
    internal PermutationNullResult(int units)
    {
        SpreadNull = Filled(units);
        SpreadNullSd = Filled(units);
        LocalityIndex = Filled(units);
        SpreadRatio = Filled(units);
        AbsKurtosisWithin = Filled(units);
        AbsKurtosisWithinNull = Filled(units);
        AbsKurtosisWithinNullSd = Filled(units);
        NonGaussianityIndex = Filled(units);
    }

    /// <summary>Mean spread of the permuted weights.</summary>
    public double[] SpreadNull { get; }

    public double[] SpreadNullSd { get; }

    /// <summary>LI = (spread null mean - spread) / spread null SD: about 0 for a scattered RF, large for a compact one.</summary>
    public double[] LocalityIndex { get; }

    /// <summary>spread / spread null mean.</summary>
    public double[] SpreadRatio { get; }

    /// <summary>The unit's own within-class |excess kurtosis|: the mean over the two classes of |exkurt(h)|.</summary>
    public double[] AbsKurtosisWithin { get; }

    /// <summary>Mean within-class |excess kurtosis| of the permuted weights' pre-activations.</summary>
    public double[] AbsKurtosisWithinNull { get; }

    public double[] AbsKurtosisWithinNullSd { get; }

    /// <summary>NGI = (|k| - null mean) / null SD: does where the survivors sit make h less Gaussian than chance?</summary>
    public double[] NonGaussianityIndex { get; }

    private static double[] Filled(int units) => Enumerable.Repeat(double.NaN, units).ToArray();
}

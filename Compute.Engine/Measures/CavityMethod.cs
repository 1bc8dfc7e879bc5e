using LocalityLab.Compute.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// The cavity map: for every surviving first-layer weight, how the excess kurtosis of its unit's pre-activation changes
/// when that one weight is removed. Computed from moments, never by recomputing the kurtosis weight by weight.
/// </summary>
internal static class CavityMethod
{
    /// <summary>
    /// The moment expansion subtracts terms of the size of h's moments to get the cavity's; where the cavity variance or
    /// fourth moment is below this fraction of the terms that made it (one weight carries almost all of the unit's
    /// variance), rounding would be amplified by up to 1 / fraction, so those few entries are recomputed directly.
    /// With float64 moments (relative error well under 1e-12) this keeps every entry accurate to about 1e-8 or better.
    /// </summary>
    internal const double CancellationGuard = 1e-4;

    /// <summary>Float64 elements per N x columns block of inputs: 32 MB, so memory stays bounded at large N x D.</summary>
    private const long BlockElements = 1L << 22;

    /// <summary>
    /// For every surviving weight (k, i): Delta = exkurt(h_k - w_ki x_i) - exkurt(h_k) and
    /// Gain = |exkurt(h_k - w_ki x_i)| - |exkurt(h_k)|, with h = X (W * M)^T and population moments (1/N), as
    /// <see cref="PreActivationStatistics.ExcessKurtosis"/>. NaN where mask == 0, where the unit is dead, and where the
    /// cavity variance is zero (a unit's only surviving weight); never an exception for those.
    /// E[(h - a x)^4] and E[(h - a x)^2] are expanded in moments of the centred h and x, so the whole map costs three
    /// float64 (K x N) @ (N x D) matrix products.
    /// </summary>
    /// <param name="inputs">X [N, D], the test set.</param>
    /// <param name="weights">The first layer's weights W [K, D]; pruned entries are ignored (treated as zero).</param>
    /// <param name="mask">M [K, D], nonzero where the weight survives (any dtype, bool included).</param>
    public static CavityMap Compute(Tensor inputs, Tensor weights, Tensor mask, CancellationToken cancellationToken = default)
    {
        Validate(inputs, weights, mask);
        cancellationToken.ThrowIfCancellationRequested();
        int units = (int)weights.shape[0];
        int pixels = (int)weights.shape[1];
        long samples = inputs.shape[0];
        if (samples == 0)
        {
            var nothing = Enumerable.Repeat(double.NaN, units * pixels);
            return new CavityMap(units, pixels, nothing.ToArray(), nothing.ToArray(), Enumerable.Repeat(double.NaN, units).ToArray());
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // The inputs on the CPU, a private float64 copy (centred in place below), the masked weights, h = X (W * M)^T.
        var source = inputs.detach().cpu();
        var x = source.to(ScalarType.Float64, copy: true);
        var keep = mask.detach().cpu().to(ScalarType.Float64).ne(ConstantScalars.Zero);
        var w = weights.detach().cpu().to(ScalarType.Float64) * keep.to(ScalarType.Float64);
        var h = x.matmul(w.t());
        var moments = new UnitMoments(h, w, keep);
        var delta = new double[units * pixels];
        var gain = new double[units * pixels];
        var recompute = new List<long>();
        x.sub_(x.mean([0L], keepdim: true));
        long columnsPerBlock = Math.Max(1, BlockElements / samples);
        for (int start = 0; start < pixels; start += (int)columnsPerBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(columnsPerBlock, pixels - start);
            var block = MixedMoments.Of(moments, x.narrow(1, start, count));
            FillFromMoments(moments, block, start, count, pixels, delta, gain, recompute);
        }
        RecomputeDirectly(source, h, moments, recompute, delta, gain, pixels, cancellationToken);
        return new CavityMap(units, pixels, delta, gain, moments.Kurtosis);
    }

    /// <summary>
    /// The within-class cavity map: <see cref="Compute"/> on the rows of class 0 and on those of class 1 separately (the
    /// NLGP's own flat-tailed statistics, without the positive excess kurtosis the mixture of two variances adds), then
    /// per weight the mean of the two classes' Delta, of their Gain, and per unit of their exkurt(h_k). NaN wherever
    /// either class's entry is NaN (an empty class makes the whole map NaN).
    /// </summary>
    /// <param name="labels">[N] class labels 0 and 1 of the rows of <paramref name="inputs"/>.</param>
    public static CavityMap ComputeWithinClass(Tensor inputs, Tensor labels, Tensor weights, Tensor mask, CancellationToken cancellationToken = default)
    {
        Validate(inputs, weights, mask);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.numel() != inputs.shape[0])
        {
            throw new ArgumentException($"{labels.numel()} labels for {inputs.shape[0]} inputs.", nameof(labels));
        }
        const int classes = 2;
        var maps = new CavityMap[classes];
        using (var scope = torch.NewDisposeScope())
        {
            var source = inputs.detach().cpu();
            var y = labels.detach().cpu().to(ScalarType.Int64);
            for (int c = 0; c < classes; c++)
            {
                maps[c] = Compute(source.index_select(0, y.eq(ConstantScalars.Label(c)).nonzero().squeeze(1)), weights, mask, cancellationToken);
            }
        }
        static double[] Average(double[] a, double[] b) => [.. a.Select((value, e) => (value + b[e]) / 2)];
        return new CavityMap(maps[0].Units, maps[0].Inputs, Average(maps[0].Delta, maps[1].Delta), Average(maps[0].Gain, maps[1].Gain),
            Average(maps[0].UnitExcessKurtosis, maps[1].UnitExcessKurtosis));
    }

    /// <summary>
    /// exkurt(h_k - a x_i), a = w_ki, for a block of columns from moments of the centred h and x:
    /// Var = E[h^2] - 2a E[hx] + a^2 E[x^2], m4 = E[h^4] - 4a E[h^3 x] + 6a^2 E[h^2 x^2] - 4a^3 E[h x^3] + a^4 E[x^4].
    /// Entries where that subtraction cancels too much to trust are queued for direct recomputation.
    /// </summary>
    private static void FillFromMoments(
        UnitMoments unit, MixedMoments block, int start, int count, int pixels, double[] delta, double[] gain, List<long> recompute)
    {
        int units = unit.Kurtosis.Length;
        for (int k = 0; k < units; k++)
        {
            double kurtosis = unit.Kurtosis[k];
            double m2 = unit.Second[k];
            double m4 = unit.Fourth[k];
            for (int j = 0; j < count; j++)
            {
                int e = k * pixels + start + j;
                if (unit.Keep[e] == 0 || double.IsNaN(kurtosis))
                {
                    delta[e] = double.NaN;
                    gain[e] = double.NaN;
                    continue;
                }
                int b = k * count + j;
                double a = unit.Weights[e];
                double a2 = a * a;
                double second1 = 2 * a * block.HX[b];
                double second2 = a2 * block.XX[j];
                double variance = m2 - second1 + second2;
                double fourth1 = 4 * a * block.HHHX[b];
                double fourth2 = 6 * a2 * block.HHXX[b];
                double fourth3 = 4 * a2 * a * block.HXXX[b];
                double fourth4 = a2 * a2 * block.XXXX[j];
                double fourth = m4 - fourth1 + fourth2 - fourth3 + fourth4;
                if (variance <= CancellationGuard * (m2 + Math.Abs(second1) + second2)
                    || fourth <= CancellationGuard * (m4 + Math.Abs(fourth1) + fourth2 + Math.Abs(fourth3) + fourth4))
                {
                    recompute.Add(e);
                    continue;
                }
                double cavity = fourth / (variance * variance) - 3;
                delta[e] = cavity - kurtosis;
                gain[e] = Math.Abs(cavity) - Math.Abs(kurtosis);
            }
        }
    }

    /// <summary>
    /// The queued entries, from h_k - w_ki x_i formed explicitly from the CPU inputs and h (uncentred, so a lone survivor
    /// leaves exactly 0), a block of entries at a time.
    /// </summary>
    private static void RecomputeDirectly(
        Tensor inputs, Tensor h, UnitMoments unit, List<long> entries, double[] delta, double[] gain, int pixels, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }
        long perBlock = Math.Max(1, BlockElements / inputs.shape[0]);
        for (int start = 0; start < entries.Count; start += (int)perBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var blockScope = torch.NewDisposeScope();
            var block = entries.GetRange(start, (int)Math.Min(perBlock, entries.Count - start)).ToArray();
            var units = torch.tensor(block.Select(e => e / pixels).ToArray());
            var columns = torch.tensor(block.Select(e => e % pixels).ToArray());
            var a = torch.tensor(block.Select(e => unit.Weights[e]).ToArray(), ScalarType.Float64);
            var cavityH = h.index_select(1, units) - inputs.index_select(1, columns).to(ScalarType.Float64) * a;
            var cavity = ExcessKurtosisFormula.OfColumns(cavityH).data<double>().ToArray();
            for (int t = 0; t < block.Length; t++)
            {
                long e = block[t];
                double kurtosis = unit.Kurtosis[e / pixels];
                delta[e] = cavity[t] - kurtosis;
                gain[e] = Math.Abs(cavity[t]) - Math.Abs(kurtosis);
            }
        }
    }

    private static void Validate(Tensor inputs, Tensor weights, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(mask);
        if (inputs.dim() != 2 || weights.dim() != 2)
        {
            throw new ArgumentException("Inputs must be [N, D] and weights [K, D].");
        }
        if (inputs.shape[1] != weights.shape[1])
        {
            throw new ArgumentException($"Inputs have {inputs.shape[1]} pixels but weights {weights.shape[1]}.", nameof(inputs));
        }
        if (!mask.shape.SequenceEqual(weights.shape))
        {
            throw new ArgumentException(
                $"The mask is [{string.Join(", ", mask.shape)}] but the weights are [{string.Join(", ", weights.shape)}].", nameof(mask));
        }
    }
}

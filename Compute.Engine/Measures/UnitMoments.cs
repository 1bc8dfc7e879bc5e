using LocalityLab.Compute.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// What the cavity map needs of each unit: powers of its centred pre-activation (as [K, N] tensors, owned by the
/// caller's dispose scope) for the matrix products, and its own moments, excess kurtosis, weights and mask as arrays.
/// </summary>
internal sealed class UnitMoments
{
    /// <param name="h">Pre-activations [N, K], float64.</param>
    /// <param name="weights">Masked weights [K, D], float64.</param>
    /// <param name="keep">[K, D], true where the weight survives.</param>
    public UnitMoments(Tensor h, Tensor weights, Tensor keep)
    {
        var mean = h.mean([0L]);
        H1 = (h - mean).t().contiguous();
        H2 = H1.pow(ConstantScalars.Two);
        H3AndH1 = torch.cat([H2 * H1, H1], 0);
        using var samples = ((double)h.shape[0]).ToScalar();
        var second = H2.mean([1L]);
        var fourth = torch.linalg.vector_norm(H2, 2, [1L]).pow(ConstantScalars.Two).div_(samples);
        Second = second.data<double>().ToArray();
        Fourth = fourth.data<double>().ToArray();
        // The definition PreActivationStatistics uses, with E[h^2] = Var(h) + (Eh)^2 for the zero-variance rule.
        Kurtosis = ExcessKurtosisFormula.FromMoments(second, fourth, second.add(mean.pow(ConstantScalars.Two), ConstantScalars.One)).data<double>().ToArray();
        Weights = weights.contiguous().data<double>().ToArray();
        Keep = keep.to(ScalarType.Byte).contiguous().data<byte>().ToArray();
    }

    /// <summary>Centred h, transposed: [K, N].</summary>
    public Tensor H1 { get; }

    /// <summary>Its square, [K, N].</summary>
    public Tensor H2 { get; }

    /// <summary>Its cube stacked above itself, [2K, N]: one matrix product gives E[h^3 x] and E[h x].</summary>
    public Tensor H3AndH1 { get; }

    /// <summary>E[(h - Eh)^2] of each unit.</summary>
    public double[] Second { get; }

    /// <summary>E[(h - Eh)^4] of each unit.</summary>
    public double[] Fourth { get; }

    public double[] Kurtosis { get; }

    /// <summary>Row-major K x D.</summary>
    public double[] Weights { get; }

    /// <summary>Row-major K x D: 1 where the weight survives, 0 where pruned.</summary>
    public byte[] Keep { get; }
}

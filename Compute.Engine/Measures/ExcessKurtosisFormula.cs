using LocalityLab.Compute.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// The one definition of excess kurtosis every measure shares: population moments (1/N), m4 / m2^2 - 3, and NaN
/// when the variance is zero up to rounding.
/// </summary>
internal static class ExcessKurtosisFormula
{
    /// <summary>
    /// A variance at most this fraction of the raw second moment E[h^2] counts as zero: a constant h, after
    /// subtracting its float64 mean, keeps a variance around 1e-32 of E[h^2]; any real spread is far above 1e-20.
    /// </summary>
    public const double ZeroVarianceFraction = 1e-20;

    /// <summary>Excess kurtosis of every column of <paramref name="values"/> [N, C], float64, NaN where its variance is zero.</summary>
    public static Tensor OfColumns(Tensor values)
    {
        var centred = values - values.mean([0L], keepdim: true);
        var squares = centred.pow(ConstantScalars.Two);
        var variance = squares.mean([0L]);
        var fourth = squares.pow(ConstantScalars.Two).mean([0L]);
        var raw = values.pow(ConstantScalars.Two).mean([0L]);
        return FromMoments(variance, fourth, raw);
    }

    /// <summary>
    /// As <see cref="OfColumns"/>, computed in the storage of <paramref name="values"/>, which it overwrites (a product
    /// made for this alone): no [N, C] temporaries. The permutation null's [N_c, K M] products spent more time allocating
    /// and first touching four more of their size than computing their moments. E[h^2] for the zero-variance test is
    /// Var(h) + E[h]^2.
    /// </summary>
    public static Tensor OfColumnsInPlace(Tensor values)
    {
        var mean = values.mean([0L], keepdim: true);
        var squares = values.sub_(mean);
        squares.mul_(squares);
        var variance = squares.mean([0L]);
        squares.mul_(squares);
        var fourth = squares.mean([0L]);
        var meanSquared = mean.squeeze(0);
        meanSquared = meanSquared.mul(meanSquared);
        return FromMoments(variance, fourth, variance.add(meanSquared, ConstantScalars.One));
    }

    /// <summary>m4 / m2^2 - 3 elementwise; NaN where m2 &lt;= <see cref="ZeroVarianceFraction"/> * raw second moment.</summary>
    public static Tensor FromMoments(Tensor variance, Tensor fourth, Tensor rawSecond)
    {
        using var zeroVariance = ZeroVarianceFraction.ToScalar();
        var kurtosis = fourth.div(variance.pow(ConstantScalars.Two)).sub_(ConstantScalars.Three);
        var zero = variance.le(rawSecond.mul(zeroVariance));
        return kurtosis.masked_fill(zero, ConstantScalars.NaN);
    }
}

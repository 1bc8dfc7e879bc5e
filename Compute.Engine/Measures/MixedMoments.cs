using LocalityLab.Compute.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// Joint moments of the centred pre-activations and a block of c centred input columns, from three float64 matrix
/// products; row-major K x c arrays (XX and XXXX: c values, one per column).
/// </summary>
internal sealed class MixedMoments
{
    private MixedMoments(double[] hhhx, double[] hx, double[] hhxx, double[] hxxx, double[] xx, double[] xxxx)
    {
        HHHX = hhhx;
        HX = hx;
        HHXX = hhxx;
        HXXX = hxxx;
        XX = xx;
        XXXX = xxxx;
    }

    /// <summary>E[h^3 x].</summary>
    public double[] HHHX { get; }

    /// <summary>E[h x].</summary>
    public double[] HX { get; }

    /// <summary>E[h^2 x^2].</summary>
    public double[] HHXX { get; }

    /// <summary>E[h x^3].</summary>
    public double[] HXXX { get; }

    /// <summary>E[x^2].</summary>
    public double[] XX { get; }

    /// <summary>E[x^4].</summary>
    public double[] XXXX { get; }

    /// <param name="units">The units' centred pre-activation powers.</param>
    /// <param name="centredColumns">[N, c] centred inputs, float64.</param>
    public static MixedMoments Of(UnitMoments units, Tensor centredColumns)
    {
        using var scope = torch.NewDisposeScope();
        using var samples = ((double)centredColumns.shape[0]).ToScalar();
        int unitCount = (int)units.H1.shape[0];
        var powers = centredColumns.pow(ConstantScalars.Two);
        var xx = powers.mean([0L]);
        var xxxx = torch.linalg.vector_norm(powers, 2, [0L]).pow(ConstantScalars.Two).div_(samples);
        var cubeAndFirst = units.H3AndH1.matmul(centredColumns).div_(samples);
        var hhxx = units.H2.matmul(powers).div_(samples);
        powers.mul_(centredColumns);
        var hxxx = units.H1.matmul(powers).div_(samples);
        return new MixedMoments(
            Array(cubeAndFirst.narrow(0, 0, unitCount)),
            Array(cubeAndFirst.narrow(0, unitCount, unitCount)),
            Array(hhxx),
            Array(hxxx),
            Array(xx),
            Array(xxxx));
    }

    private static double[] Array(Tensor tensor) => tensor.contiguous().data<double>().ToArray();
}

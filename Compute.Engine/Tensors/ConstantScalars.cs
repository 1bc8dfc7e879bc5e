using TorchSharp;

namespace LocalityLab.Compute.Tensors;

/// <summary>
/// The constant Scalars the engine hands to libtorch, made once and held for the process's life. A Scalar made by an
/// implicit conversion has no owner, and the garbage collector may finalise it while libtorch still reads it ("Unknown
/// scalar type"; issue 21): every Scalar the engine passes is one of these, or a <c>using</c> local of its caller.
/// ImplicitScalarTests keeps implicit conversions (and TorchSharp's operators on a primitive, which make one inside)
/// out of the engine's sources.
/// </summary>
internal static class ConstantScalars
{
    public static readonly Scalar Zero = 0.0.ToScalar();
    public static readonly Scalar One = 1.0.ToScalar();
    public static readonly Scalar Two = 2.0.ToScalar();
    public static readonly Scalar Three = 3.0.ToScalar();
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar MinusHalf = (-0.5).ToScalar();
    public static readonly Scalar MinusTwo = (-2.0).ToScalar();
    public static readonly Scalar NaN = double.NaN.ToScalar();

    /// <summary>1 as an integer: the alpha of an addition to an integer tensor (libtorch refuses a floating one there).</summary>
    public static readonly Scalar IntegerOne = 1L.ToScalar();

    public static readonly Scalar IntegerZero = 0L.ToScalar();

    /// <summary>1 / sqrt 2: erf(h / sqrt 2) is the erf activation.</summary>
    public static readonly Scalar InverseSqrt2 = (1 / Math.Sqrt(2)).ToScalar();

    /// <summary>sqrt(2 / pi): the slope of erf(h / sqrt 2) at 0, d/dh erf(h / sqrt 2) = sqrt(2 / pi) exp(-h^2 / 2).</summary>
    public static readonly Scalar ErfSlope = Math.Sqrt(2 / Math.PI).ToScalar();

    /// <summary>The class labels 0 and 1, as rows of a label tensor are compared with them.</summary>
    public static Scalar Label(int label) => label switch
    {
        0 => Zero,
        1 => One,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "Labels are 0 and 1."),
    };
}

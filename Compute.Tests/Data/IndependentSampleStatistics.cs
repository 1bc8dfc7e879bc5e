using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

/// <summary>
/// Estimates with standard errors from per-sample statistics: samples are independent, pixels within one are not, so
/// standard errors are measured from the spread across samples rather than assumed from the pixel count.
/// </summary>
internal static class IndependentSampleStatistics
{
    public static (double Mean, double StandardError) Mean(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    /// <summary>
    /// Excess kurtosis E[x^4] / E[x^2]^2 - 3 of zero-mean values from each sample's mean of x^2 and of x^4, with its
    /// standard error by the delta method (gradient (-2 M4 / M2^3, 1 / M2^2) against their sample covariance).
    /// </summary>
    public static (double Value, double StandardError) ExcessKurtosis(IReadOnlyList<double> secondMoments, IReadOnlyList<double> fourthMoments)
    {
        int n = secondMoments.Count;
        double m2 = secondMoments.Average(), m4 = fourthMoments.Average();
        double v22 = 0, v44 = 0, v24 = 0;
        for (int i = 0; i < n; i++)
        {
            double a = secondMoments[i] - m2, b = fourthMoments[i] - m4;
            v22 += a * a;
            v44 += b * b;
            v24 += a * b;
        }
        v22 /= n - 1;
        v44 /= n - 1;
        v24 /= n - 1;
        double d2 = -2 * m4 / (m2 * m2 * m2), d4 = 1 / (m2 * m2);
        double variance = (d2 * d2 * v22 + 2 * d2 * d4 * v24 + d4 * d4 * v44) / n;
        return (m4 / (m2 * m2) - 3, Math.Sqrt(variance));
    }

    /// <summary>Each sample's mean of x^2 and of x^4 over its pixels: inputs [n, D].</summary>
    public static (double[] SecondMoments, double[] FourthMoments) PerSampleMoments(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var squares = inputs.to_type(float64).square();
        return (squares.mean([1]).data<double>().ToArray(), squares.square().mean([1]).data<double>().ToArray());
    }

    /// <summary>
    /// E[z_i z_j] of zero-mean samples z [n, D] and the standard error of each entry,
    /// sqrt((E[z_i^2 z_j^2] - E[z_i z_j]^2) / n).
    /// </summary>
    public static (double[,] Moments, double[,] StandardErrors) SecondMomentMatrix(Tensor samples)
    {
        using var scope = NewDisposeScope();
        var z = samples.to_type(float64);
        long n = z.shape[0];
        var moments = z.t().matmul(z).div_(n);
        var squares = z.square();
        var errors = squares.t().matmul(squares).div_(n).sub_(moments.square()).clamp_min_(0).div_(n).sqrt_();
        return (ToMatrix(moments), ToMatrix(errors));
    }

    public static double[,] ToMatrix(Tensor square)
    {
        int d = (int)square.shape[0];
        var values = square.to_type(float64).contiguous().data<double>().ToArray();
        var matrix = new double[d, d];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
        return matrix;
    }
}

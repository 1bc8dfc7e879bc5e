using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>
/// The stationary covariance of the NLGP's latent field on the ring or torus: C(d) = exp(-(d / xi)^p), d the periodic
/// Euclidean distance (on the torus squared distances along the two axes add, so for p = 2 C is the Kronecker product
/// of two 1D kernels), plus a diagonal jitter, rescaled so that C(0) = 1 exactly (every latent pixel has variance 1).
/// </summary>
internal static class LatentKernel
{
    /// <summary>Diagonal jitter added before the rescaling: keeps every eigenvalue positive, so a Cholesky check works.</summary>
    public const double Jitter = 1e-6;

    /// <summary>Covariance of pixel 0 with pixel (row, col), row-major [Height * Width].</summary>
    public static double[] CovarianceRow(InputShape shape, double correlationLength, double exponent)
    {
        var row = new double[shape.Inputs];
        double scale = 1 + Jitter;
        for (int r = 0; r < shape.Height; r++)
        {
            int dr = Math.Min(r, shape.Height - r);
            for (int c = 0; c < shape.Width; c++)
            {
                int dc = Math.Min(c, shape.Width - c);
                double distance = Math.Sqrt((double)dr * dr + (double)dc * dc);
                row[r * shape.Width + c] = Math.Exp(-Math.Pow(distance / correlationLength, exponent)) / scale;
            }
        }
        row[0] = 1;
        return row;
    }
}

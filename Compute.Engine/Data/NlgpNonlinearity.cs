using TorchSharp;

namespace LocalityLab.Compute.Data;

/// <summary>
/// The NLGP's pointwise map x = erf(g z / sqrt 2) / sqrt(gamma(g)), gamma(g) = (2 / pi) asin(g^2 / (1 + g^2)), so a
/// unit-variance latent gives unit-variance inputs (Ingrosso &amp; Goldt 2022; other papers' g is this g / sqrt 2).
/// g = 0 is the identity; so is any g below <see cref="IdentityBelow"/>, where the map differs from it by O(g^2).
/// </summary>
internal static class NlgpNonlinearity
{
    public const double IdentityBelow = 1e-8;

    public static bool IsIdentity(double gain) => gain < IdentityBelow;

    /// <summary>gamma(g) = (2 / pi) asin(g^2 / (1 + g^2)), written so that no finite g overflows.</summary>
    public static double Gamma(double gain) => 2 / Math.PI * Math.Asin(1 / (1 + 1 / (gain * gain)));

    /// <summary>
    /// Writes x = map(z) into <paramref name="inputs"/> (float32) for a float64 latent z of the same shape, which is
    /// scaled in place. The argument g z / sqrt 2 is formed in float64 and erf is evaluated in float32, in the output
    /// itself: libtorch's float64 erf is about 20x slower, and x is stored as float32 either way (a few ulp apart).
    /// </summary>
    public static void Write(torch.Tensor latent, torch.Tensor inputs, double gain)
    {
        if (IsIdentity(gain))
        {
            inputs.copy_(latent);
            return;
        }
        using var inner = (gain / Math.Sqrt(2)).ToScalar();
        using var normaliser = Math.Sqrt(Gamma(gain)).ToScalar();
        inputs.copy_(latent.mul_(inner)).erf_().div_(normaliser);
    }

    /// <summary>
    /// Cov(x_i, x_j) for a latent of covariance c = C_ij and variance c0 = C_ii:
    /// (2 / pi) asin(g^2 c / (1 + g^2 c0)) / gamma(g). With c0 = 1 this is the closed form of SCIENCE.md.
    /// </summary>
    public static double Covariance(double latentCovariance, double latentVariance, double gain)
    {
        if (IsIdentity(gain))
        {
            return latentCovariance;
        }
        double argument = latentCovariance / (1 / (gain * gain) + latentVariance);
        return 2 / Math.PI * Math.Asin(Math.Clamp(argument, -1, 1)) / Gamma(gain);
    }

    /// <summary><see cref="Covariance(double, double, double)"/> of every entry of a stationary covariance row (entry 0 the variance).</summary>
    public static double[] CovarianceRow(double[] latentCovarianceRow, double gain)
    {
        double variance = latentCovarianceRow[0];
        return [.. latentCovarianceRow.Select(c => Covariance(c, variance, gain))];
    }
}

namespace LocalityLab.Compute.Tests.Data;

/// <summary>Onsager's exact results for the infinite 2D Ising model (J = 1, k_B = 1).</summary>
internal static class OnsagerSolution
{
    /// <summary>
    /// Energy per site u = -coth(2b) [1 + (2 / pi)(2 tanh^2(2b) - 1) K(k)], k = 2 sinh(2b) / cosh^2(2b), b = 1 / T,
    /// K the complete elliptic integral of the first kind.
    /// </summary>
    public static double EnergyPerSite(double temperature)
    {
        double b = 1 / temperature;
        double k = 2 * Math.Sinh(2 * b) / Math.Pow(Math.Cosh(2 * b), 2);
        double tanh = Math.Tanh(2 * b);
        return -1 / tanh * (1 + 2 / Math.PI * (2 * tanh * tanh - 1) * CompleteEllipticK(k));
    }

    /// <summary>&lt;s_i s_j&gt; of nearest neighbours: each site has two bonds, so u = -2 &lt;s_i s_j&gt;.</summary>
    public static double NearestNeighbourCorrelation(double temperature) => -EnergyPerSite(temperature) / 2;

    /// <summary>Spontaneous magnetisation (1 - sinh(2b)^-4)^(1/8) below T_c = 2 / ln(1 + sqrt 2), else 0.</summary>
    public static double SpontaneousMagnetisation(double temperature)
    {
        double s = Math.Sinh(2 / temperature);
        return s > 1 ? Math.Pow(1 - Math.Pow(s, -4), 0.125) : 0;
    }

    /// <summary>K(k) = pi / (2 AGM(1, sqrt(1 - k^2))).</summary>
    public static double CompleteEllipticK(double k)
    {
        double a = 1, g = Math.Sqrt(1 - k * k);
        while (Math.Abs(a - g) > 1e-15 * a)
        {
            (a, g) = ((a + g) / 2, Math.Sqrt(a * g));
        }
        return Math.PI / (2 * a);
    }
}

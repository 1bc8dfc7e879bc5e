namespace LocalityLab.Compute.Tests.Data;

/// <summary>
/// The closed forms of SCIENCE.md written out directly from the formulas, as an oracle independent of the engine's code:
/// the latent kernel exp(-(d / xi)^p) on the periodic lattice, with the engine's documented jitter (1e-6 on the
/// diagonal, then rescaled to unit variance), and Sigma = (2 / pi) asin(g^2 C / (1 + g^2)) / gamma(g).
/// </summary>
internal static class NlgpClosedForm
{
    public const double Jitter = 1e-6;

    public static double Gamma(double g) => 2 / Math.PI * Math.Asin(g * g / (1 + g * g));

    /// <summary>Periodic Euclidean distance between pixels i and j of a height x width lattice (row-major indices).</summary>
    public static double Distance(int i, int j, int height, int width)
    {
        int dr = Math.Abs(i / width - j / width), dc = Math.Abs(i % width - j % width);
        dr = Math.Min(dr, height - dr);
        dc = Math.Min(dc, width - dc);
        return Math.Sqrt(dr * dr + dc * dc);
    }

    /// <summary>C as a dense D x D matrix.</summary>
    public static double[,] LatentCovariance(int height, int width, double xi, double p)
    {
        int d = height * width;
        var c = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double kernel = Math.Exp(-Math.Pow(Distance(i, j, height, width) / xi, p));
                c[i, j] = (kernel + (i == j ? Jitter : 0)) / (1 + Jitter);
            }
        }
        return c;
    }

    /// <summary>Sigma as a dense D x D matrix; g = 0 gives C.</summary>
    public static double[,] InputCovariance(int height, int width, double xi, double p, double g)
    {
        var c = LatentCovariance(height, width, xi, p);
        if (g == 0)
        {
            return c;
        }
        var sigma = new double[c.GetLength(0), c.GetLength(1)];
        for (int i = 0; i < c.GetLength(0); i++)
        {
            for (int j = 0; j < c.GetLength(1); j++)
            {
                sigma[i, j] = 2 / Math.PI * Math.Asin(g * g * c[i, j] / (1 + g * g)) / Gamma(g);
            }
        }
        return sigma;
    }

    /// <summary>Marginal excess kurtosis of x for a unit-variance latent, by quadrature (SCIENCE.md's table).</summary>
    public static readonly IReadOnlyDictionary<double, double> ExcessKurtosis = new Dictionary<double, double>
    {
        [0] = 0,
        [0.1] = -0.039,
        [1] = -1.200,
        [2] = -1.618,
        [3] = -1.757,
        [5] = -1.861,
        [10] = -1.934,
        [100] = -1.994,
    };
}

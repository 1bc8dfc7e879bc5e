namespace LocalityLab.Compute.Tests.Statistics;

/// <summary>
/// Student t quantiles computed the slow way, sharing nothing with MathNet: the density written out with a
/// log-gamma of our own, integrated by Simpson's rule on a fine grid, and inverted by bisection.
/// </summary>
internal static class SlowStudentT
{
    // Lanczos approximation, g = 7, nine coefficients (Numerical Recipes' form; about 15 digits for x >= 0.5).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "only needed for x >= 0.5 (half the degrees of freedom, >= 1)");
        }
        x -= 1;
        double a = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    public static double Density(double t, double freedom) =>
        Math.Exp(LogGamma((freedom + 1) / 2) - LogGamma(freedom / 2) - 0.5 * Math.Log(freedom * Math.PI)
                 - (freedom + 1) / 2 * Math.Log(1 + t * t / freedom));

    /// <summary>P(T &lt;= x) for x >= 0: one half plus the density integrated from 0 by Simpson's rule, step at most 1e-3.</summary>
    public static double Cdf(double x, double freedom)
    {
        int intervals = 2 * Math.Max(1000, (int)Math.Ceiling(x / 2e-3));
        double h = x / intervals;
        double sum = Density(0, freedom) + Density(x, freedom);
        for (int i = 1; i < intervals; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Density(i * h, freedom);
        }
        return 0.5 + sum * h / 3;
    }

    /// <summary>The p-quantile for p in (0.5, 1), by bisection on the integrated CDF.</summary>
    public static double Quantile(double p, double freedom)
    {
        double low = 0, high = 1;
        while (Cdf(high, freedom) < p)
        {
            low = high;
            high *= 2;
        }
        while (high - low > 1e-11)
        {
            double middle = (low + high) / 2;
            if (Cdf(middle, freedom) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return (low + high) / 2;
    }
}

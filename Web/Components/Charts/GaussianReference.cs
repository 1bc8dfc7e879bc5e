namespace LocalityLab.Web.Components.Charts;

/// <summary>What a standard normal would put in each bin of a standardised histogram with the same total.</summary>
public static class GaussianReference
{
    public static (double[] Centres, double[] Expected) Expected(IReadOnlyList<int> counts, double range)
    {
        var bins = counts.Count;
        var width = 2 * range / Math.Max(1, bins);
        double total = counts.Sum();
        var centres = new double[bins];
        var expected = new double[bins];
        for (var b = 0; b < bins; b++)
        {
            var low = -range + b * width;
            var high = low + width;
            centres[b] = low + width / 2;
            // The outermost bins also hold the tails, as the histogram's do (UnitMeasures.PreActivationHistogram).
            var lowCdf = b == 0 ? 0 : NormalCdf(low);
            var highCdf = b == bins - 1 ? 1 : NormalCdf(high);
            expected[b] = total * (highCdf - lowCdf);
        }
        return (centres, expected);
    }

    // Abramowitz & Stegun 7.1.26 for erf; |error| < 1.5e-7, far below a pixel on the chart.
    public static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * z);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return 0.5 * (1 + (x >= 0 ? erf : -erf));
    }
}

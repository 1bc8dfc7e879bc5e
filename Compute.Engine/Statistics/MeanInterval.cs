using MathNet.Numerics.Distributions;

namespace LocalityLab.Compute.Statistics;

/// <summary>
/// The mean of the finite values and its t-interval, mean ± t_{(1+c)/2, n-1} · s / √n with s the sample SD
/// (n - 1 in the denominator). <see cref="Mean"/> is null when no value is finite; <see cref="Low"/> and
/// <see cref="High"/> are null when fewer than two are (the same convention as a study's bands).
/// </summary>
internal sealed record MeanInterval(double? Mean, double? Low, double? High, int N)
{
    public static MeanInterval Of(IEnumerable<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, $"confidence must be in (0, 1); got {confidence}");
        }
        double[] finite = values.Where(double.IsFinite).ToArray();
        int n = finite.Length;
        if (n == 0)
        {
            return new MeanInterval(null, null, null, 0);
        }
        double mean = finite.Sum() / n;
        if (n == 1)
        {
            return new MeanInterval(mean, null, null, 1);
        }
        double sumOfSquares = 0;
        foreach (double x in finite)
        {
            sumOfSquares += (x - mean) * (x - mean);
        }
        double sd = Math.Sqrt(sumOfSquares / (n - 1));
        double t = StudentT.InvCDF(location: 0, scale: 1, freedom: n - 1, p: (1 + confidence) / 2);
        double half = t * sd / Math.Sqrt(n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }
}

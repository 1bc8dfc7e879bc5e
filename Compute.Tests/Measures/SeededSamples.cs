namespace LocalityLab.Compute.Tests.Measures;

/// <summary>Reproducible random numbers for the measure tests, independent of libtorch's generator.</summary>
internal static class SeededSamples
{
    /// <summary>Standard normal draws by Box-Muller.</summary>
    public static double[] Gaussian(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            values[i] = radius * Math.Cos(angle);
            if (i + 1 < count)
            {
                values[i + 1] = radius * Math.Sin(angle);
            }
        }
        return values;
    }

    public static float[] GaussianSingles(Random random, int count) => Gaussian(random, count).Select(v => (float)v).ToArray();
}

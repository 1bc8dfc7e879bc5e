namespace LocalityLab.Compute.Tests.Data;

/// <summary>Entry-wise comparisons of vectors and matrices that report the worst entry.</summary>
internal static class MatrixAssert
{
    public static void Close(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double worst = 0;
        (int, int) at = (0, 0);
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                double error = Math.Abs(expected[i, j] - actual[i, j]);
                if (!(error <= worst))
                {
                    (worst, at) = (error, (i, j));
                }
            }
        }
        Assert.True(worst <= tolerance, $"entry {at} differs by {worst:G3} (tolerance {tolerance:G3}): expected {expected[at.Item1, at.Item2]}, got {actual[at.Item1, at.Item2]}");
    }

    public static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"entry {i} differs by {Math.Abs(expected[i] - actual[i]):G3} (tolerance {tolerance:G3}): expected {expected[i]}, got {actual[i]}");
        }
    }

    /// <summary>Every |actual - expected| within <paramref name="sigmas"/> of that entry's standard error.</summary>
    public static void WithinStandardErrors(double[,] expected, double[,] actual, double[,] standardErrors, double sigmas)
    {
        double worst = 0;
        (int, int) at = (0, 0);
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                double z = Math.Abs(actual[i, j] - expected[i, j]) / standardErrors[i, j];
                if (!(z <= worst))
                {
                    (worst, at) = (z, (i, j));
                }
            }
        }
        var (a, b) = at;
        Assert.True(worst <= sigmas,
            $"entry ({a}, {b}) is {worst:F2} standard errors ({standardErrors[a, b]:G3}) away: expected {expected[a, b]:G6}, got {actual[a, b]:G6}");
    }
}

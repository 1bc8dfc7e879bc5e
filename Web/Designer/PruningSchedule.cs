namespace LocalityLab.Web.Designer;

/// <summary>What an IMP schedule leaves after each round (SCIENCE.md: sparsity after n rounds is 1 - (1 - p)^n).</summary>
public static class PruningSchedule
{
    /// <summary>Sparsity after rounds 0..<paramref name="rounds"/> at fraction <paramref name="fraction"/> per round.</summary>
    public static double[] Sparsity(int rounds, double fraction) =>
        [.. Enumerable.Range(0, Math.Max(0, rounds) + 1).Select(n => 1 - Math.Pow(1 - fraction, n))];

    /// <summary>Fraction of the prunable weights that remain after rounds 0..<paramref name="rounds"/>.</summary>
    public static double[] Remaining(int rounds, double fraction) =>
        [.. Enumerable.Range(0, Math.Max(0, rounds) + 1).Select(n => Math.Pow(1 - fraction, n))];
}

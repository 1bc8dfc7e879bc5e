using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>Labels of a balanced batch: n - n / 2 zeros and n / 2 ones (class 0 gets the odd one), in random order.</summary>
internal static class BalancedLabels
{
    /// <summary>int64 [n]; the order is one randperm drawn from <paramref name="generator"/>.</summary>
    public static Tensor Draw(int n, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        using var scope = NewDisposeScope();
        var sorted = cat([zeros(n - n / 2, int64), ones(n / 2, int64)]);
        var order = randperm(n, int64, generator: generator);
        return sorted.index_select(0, order).MoveToOuterDisposeScope();
    }
}

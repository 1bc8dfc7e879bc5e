namespace LocalityLab.Compute.Pruning;

/// <summary>Operations on 0/1 masks stored as flat float arrays (1 = the weight survives).</summary>
internal static class PruningMasks
{
    public static int[] Survivors(float[] mask)
    {
        var survivors = new List<int>(mask.Length);
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                survivors.Add(i);
            }
        }
        return [.. survivors];
    }

    /// <summary>round(fraction * survivors), never more than there are.</summary>
    public static int CountToRemove(int survivors, double fraction) =>
        Math.Min(survivors, (int)Math.Round(fraction * survivors, MidpointRounding.AwayFromZero));

    public static IReadOnlyDictionary<int, float[]> Without(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, int[]> removals)
    {
        var next = new Dictionary<int, float[]>();
        foreach (var (layer, mask) in masks)
        {
            var copy = (float[])mask.Clone();
            foreach (int i in removals[layer])
            {
                copy[i] = 0;
            }
            next[layer] = copy;
        }
        return next;
    }

    /// <summary>The fraction of zeros across the given masks.</summary>
    public static double Sparsity(IEnumerable<float[]> masks)
    {
        long total = 0, pruned = 0;
        foreach (var mask in masks)
        {
            total += mask.Length;
            pruned += mask.Count(m => m == 0);
        }
        return total == 0 ? 0 : (double)pruned / total;
    }
}

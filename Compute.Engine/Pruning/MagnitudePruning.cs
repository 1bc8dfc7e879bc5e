using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Pruning;

/// <summary>
/// Removes the surviving weights of smallest |w|: a fraction of each layer's survivors (layerwise), or of all pruned
/// layers' survivors ranked together (global). Ties break by layer, then index, so the result is deterministic.
/// </summary>
internal sealed class MagnitudePruning(PruningScope scope) : IPruningStrategy
{
    public IReadOnlyDictionary<int, float[]> Prune(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> weights, double fraction)
    {
        var removals = SelectRemovals(masks, weights, fraction);
        return PruningMasks.Without(masks, removals);
    }

    /// <summary>Which indices of each layer's survivors magnitude pruning removes.</summary>
    public IReadOnlyDictionary<int, int[]> SelectRemovals(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> weights, double fraction)
    {
        var removals = new Dictionary<int, int[]>();
        if (scope == PruningScope.Layerwise)
        {
            foreach (var (layer, mask) in masks)
            {
                var survivors = PruningMasks.Survivors(mask);
                int count = PruningMasks.CountToRemove(survivors.Length, fraction);
                var order = survivors.ToArray();
                var w = weights[layer];
                Array.Sort(order, (a, b) =>
                {
                    int c = Math.Abs(w[a]).CompareTo(Math.Abs(w[b]));
                    return c != 0 ? c : a.CompareTo(b);
                });
                removals[layer] = order[..count];
            }
            return removals;
        }

        var pool = new List<(float Magnitude, int Layer, int Index)>();
        foreach (var (layer, mask) in masks)
        {
            foreach (int i in PruningMasks.Survivors(mask))
            {
                pool.Add((Math.Abs(weights[layer][i]), layer, i));
            }
        }
        pool.Sort();
        int total = PruningMasks.CountToRemove(pool.Count, fraction);
        foreach (var layer in masks.Keys)
        {
            removals[layer] = [];
        }
        foreach (var group in pool.Take(total).GroupBy(p => p.Layer))
        {
            removals[group.Key] = group.Select(p => p.Index).ToArray();
        }
        return removals;
    }
}

using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Pruning;

/// <summary>
/// The random-pruning control: in each layer, removes exactly as many survivors as magnitude pruning would
/// (so the per-layer sparsity is the same), chosen uniformly at random from <paramref name="generator"/>.
/// </summary>
internal sealed class RandomPruning(PruningScope scope, Generator generator) : IPruningStrategy
{
    private readonly MagnitudePruning _magnitude = new(scope);

    public IReadOnlyDictionary<int, float[]> Prune(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> weights, double fraction)
    {
        var counts = _magnitude.SelectRemovals(masks, weights, fraction);
        var removals = new Dictionary<int, int[]>();
        foreach (var (layer, mask) in masks.OrderBy(m => m.Key))
        {
            var survivors = PruningMasks.Survivors(mask);
            using var permutation = randperm(survivors.Length, generator: generator);
            var order = permutation.data<long>().ToArray();
            removals[layer] = order.Take(counts[layer].Length).Select(j => survivors[j]).ToArray();
        }
        return PruningMasks.Without(masks, removals);
    }
}

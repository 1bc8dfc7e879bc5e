using LocalityLab.Compute.Pruning;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Pruning;

public sealed class PruningStrategyTests
{
    private static Dictionary<int, float[]> Ones(params int[] sizes) =>
        sizes.Select((n, layer) => (layer, mask: Enumerable.Repeat(1f, n).ToArray())).ToDictionary(x => x.layer, x => x.mask);

    [Fact]
    public void Layerwise_magnitude_pruning_removes_the_smallest_survivors_of_each_layer()
    {
        var masks = Ones(5, 4);
        masks[0][2] = 0; // already pruned: must stay pruned and not be counted again
        var weights = new Dictionary<int, float[]>
        {
            [0] = [0.5f, -0.1f, 0f, 0.3f, -0.9f],
            [1] = [4f, -1f, 2f, 3f],
        };

        var next = new MagnitudePruning(PruningScope.Layerwise).Prune(masks, weights, 0.5);

        // Layer 0 has 4 survivors: remove 2, |w| = 0.1 and 0.3. Layer 1: remove |w| = 1 and 2.
        Assert.Equal([1f, 0f, 0f, 0f, 1f], next[0]);
        Assert.Equal([1f, 0f, 0f, 1f], next[1]);
        Assert.Equal(1f, masks[0][1]); // the input is not changed
    }

    [Fact]
    public void Global_magnitude_pruning_ranks_all_layers_together()
    {
        var masks = Ones(3, 3);
        var weights = new Dictionary<int, float[]> { [0] = [0.1f, 0.2f, 0.3f], [1] = [5f, 6f, 0.05f] };

        var next = new MagnitudePruning(PruningScope.Global).Prune(masks, weights, 0.5);

        // round(0.5 * 6) = 3 smallest overall: 0.05 (layer 1), 0.1, 0.2 (layer 0).
        Assert.Equal([0f, 0f, 1f], next[0]);
        Assert.Equal([1f, 1f, 0f], next[1]);
    }

    [Fact]
    public void Random_pruning_removes_as_many_per_layer_as_magnitude_pruning_but_not_by_magnitude()
    {
        const int size = 2000;
        var masks = Ones(size);
        var weights = new Dictionary<int, float[]> { [0] = [.. Enumerable.Range(0, size).Select(i => (float)i)] };
        using var generator = new Generator(3);

        var next = new RandomPruning(PruningScope.Layerwise, generator).Prune(masks, weights, 0.3);

        var removed = Enumerable.Range(0, size).Where(i => next[0][i] == 0).ToList();
        Assert.Equal(600, removed.Count);
        // Magnitude pruning would remove exactly indices 0..599; uniform random removal has mean index ~1000
        // (standard error ~ 577 / sqrt(600) = 24), so 800 is more than 8 standard errors away.
        Assert.True(removed.Average() > 800, $"mean removed index {removed.Average()}");
    }

    [Fact]
    public void Random_pruning_is_determined_by_the_generator_seed()
    {
        var masks = Ones(100);
        var weights = new Dictionary<int, float[]> { [0] = new float[100] };
        using var a = new Generator(11);
        using var b = new Generator(11);

        var first = new RandomPruning(PruningScope.Layerwise, a).Prune(masks, weights, 0.3);
        var second = new RandomPruning(PruningScope.Layerwise, b).Prune(masks, weights, 0.3);

        Assert.Equal(first[0], second[0]);
    }

    [Fact]
    public void Sparsity_after_n_rounds_follows_one_minus_one_minus_p_to_the_n()
    {
        var masks = (IReadOnlyDictionary<int, float[]>)Ones(10_000);
        var random = new Random(5);
        var weights = new Dictionary<int, float[]> { [0] = [.. Enumerable.Range(0, 10_000).Select(_ => (float)random.NextDouble())] };
        var strategy = new MagnitudePruning(PruningScope.Layerwise);

        for (int round = 1; round <= 5; round++)
        {
            masks = strategy.Prune(masks, weights, 0.2);
            // Rounding each round's count to a whole weight moves the sparsity by at most 0.5 / 10,000 per round.
            Assert.Equal(1 - Math.Pow(0.8, round), PruningMasks.Sparsity(masks.Values), 5e-4);
        }
    }
}

using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Model;

/// <summary>
/// A network with masks on its pruned weight layers. Masks are applied to the gradients before each step (so
/// momentum and Adam state stay zero there) and to the weights after it, so pruned weights stay exactly zero.
/// </summary>
internal sealed class PrunableNetwork : IDisposable
{
    private readonly Dictionary<int, Tensor> _masks = [];

    public PrunableNetwork(int inputs, ModelSpec spec, IReadOnlyList<int> prunedLayers)
    {
        Network = new FullyConnectedNetwork(inputs, spec);
        PrunedLayers = prunedLayers;
        foreach (int layer in prunedLayers)
        {
            _masks[layer] = ones_like(Network.Layers[layer].weight!).DetachFromDisposeScope();
        }
    }

    public FullyConnectedNetwork Network { get; }

    public IReadOnlyList<int> PrunedLayers { get; }

    /// <summary>The current masks as flat arrays (1 = survives), by weight layer.</summary>
    public IReadOnlyDictionary<int, float[]> Masks() => _masks.ToDictionary(m => m.Key, m => m.Value.data<float>().ToArray());

    /// <summary>The weights of the pruned layers as flat arrays, by weight layer.</summary>
    public IReadOnlyDictionary<int, float[]> PrunedWeights() =>
        PrunedLayers.ToDictionary(l => l, l => Network.Layers[l].weight!.detach().cpu().data<float>().ToArray());

    /// <summary>The live mask of a weight layer (1 = survives), or null when the layer is not pruned. Owned by the network.</summary>
    public Tensor? MaskOf(int layer) => _masks.GetValueOrDefault(layer);

    public void SetMasks(IReadOnlyDictionary<int, float[]> masks)
    {
        using var noGrad = no_grad();
        foreach (var (layer, values) in masks)
        {
            using var source = tensor(values, _masks[layer].shape);
            _masks[layer].copy_(source);
        }
        ApplyMasks();
    }

    public void ApplyMasks()
    {
        using var noGrad = no_grad();
        foreach (var (layer, mask) in _masks)
        {
            Network.Layers[layer].weight!.mul_(mask);
        }
    }

    public void MaskGradients()
    {
        foreach (var (layer, mask) in _masks)
        {
            Network.Layers[layer].weight!.grad?.mul_(mask);
        }
    }

    /// <summary>Every parameter and buffer (BatchNorm running statistics), copied out.</summary>
    public IReadOnlyList<NamedArray> Snapshot()
    {
        var arrays = new List<NamedArray>();
        foreach (var (name, value) in Network.state_dict())
        {
            if (value.dtype != ScalarType.Float32)
            {
                continue; // BatchNorm's num_batches_tracked: unused with a momentum.
            }
            arrays.Add(new NamedArray(name, value.shape, value.detach().cpu().data<float>().ToArray()));
        }
        return arrays;
    }

    /// <summary>Loads a snapshot (all of it, or any subset by name).</summary>
    public void Load(IReadOnlyList<NamedArray> snapshot)
    {
        using var noGrad = no_grad();
        var state = Network.state_dict();
        foreach (var array in snapshot)
        {
            if (!state.TryGetValue(array.Name, out var target))
            {
                throw new InvalidOperationException($"The stored state names '{array.Name}', which this network does not have.");
            }
            using var source = tensor(array.Values, array.Shape);
            target.copy_(source);
        }
    }

    public void Dispose()
    {
        foreach (var mask in _masks.Values)
        {
            mask.Dispose();
        }
        Network.Dispose();
    }
}

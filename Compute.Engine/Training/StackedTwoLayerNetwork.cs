using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// R two-layer networks of the same shape as one: hidden weights [R, K, D], hidden biases [R, K], output weights
/// [R, K], output biases [R], masks [R, K, D] (and [R, K] when the output layer is pruned). Replicate r is row r of
/// each. Copied in from the replicates' networks when made, and back with <see cref="WriteBack"/>.
/// </summary>
internal sealed class StackedTwoLayerNetwork : IDisposable
{
    private readonly IReadOnlyList<PrunableNetwork> _replicates;

    public StackedTwoLayerNetwork(IReadOnlyList<PrunableNetwork> replicates)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0 || !replicates.All(Supports))
        {
            throw new ArgumentException("Stacking needs at least one two-layer network without input BatchNorm.", nameof(replicates));
        }
        _replicates = replicates;
        var first = replicates[0].Network;
        Activation = first.Activation;
        using var noGrad = no_grad();
        HiddenWeights = Stack(n => n.Network.Layers[0].weight!);
        HiddenBias = first.Layers[0].bias is null ? null : Stack(n => n.Network.Layers[0].bias!);
        OutputWeights = Stack(n => n.Network.Layers[1].weight!.view(-1));
        OutputBias = first.Layers[1].bias is null ? null : Stack(n => n.Network.Layers[1].bias!);
        TrainsOutputWeights = first.Layers[1].weight!.requires_grad;
        HiddenMask = replicates[0].MaskOf(0) is null ? null : Stack(n => n.MaskOf(0)!);
        OutputMask = replicates[0].MaskOf(1) is null ? null : Stack(n => n.MaskOf(1)!.view(-1));
    }

    /// <summary>Whether a network can be stacked: D -> K -> 1 with no input BatchNorm.</summary>
    public static bool Supports(PrunableNetwork network) =>
        network.Network.Layers.Count == 2 && !network.Network.NormalizesInputs;

    public int Replicates => _replicates.Count;

    public Activation Activation { get; }

    public bool TrainsOutputWeights { get; }

    /// <summary>[R, K, D].</summary>
    public Tensor HiddenWeights { get; }

    /// <summary>[R, K], or null without biases.</summary>
    public Tensor? HiddenBias { get; }

    /// <summary>[R, K].</summary>
    public Tensor OutputWeights { get; }

    /// <summary>[R, 1], or null without biases.</summary>
    public Tensor? OutputBias { get; }

    /// <summary>[R, K, D], or null when the first layer is not pruned.</summary>
    public Tensor? HiddenMask { get; }

    /// <summary>[R, K], or null when the output layer is not pruned.</summary>
    public Tensor? OutputMask { get; }

    /// <summary>The trained parameters, in a fixed order, for an optimizer.</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => TrainedTensors().Cast<TorchSharp.Modules.Parameter>();

    private IEnumerable<Tensor> TrainedTensors()
    {
        yield return HiddenWeights;
        if (HiddenBias is not null)
        {
            yield return HiddenBias;
        }
        if (TrainsOutputWeights)
        {
            yield return OutputWeights;
        }
        if (OutputBias is not null)
        {
            yield return OutputBias;
        }
    }

    /// <summary>h = x W^T + b for inputs [R, B, D]: [R, B, K].</summary>
    public Tensor PreActivations(Tensor inputs)
    {
        var h = inputs.bmm(HiddenWeights.transpose(1, 2));
        return HiddenBias is null ? h : h.add(HiddenBias.unsqueeze(1), ConstantScalars.One);
    }

    /// <summary>The network's output for activations [R, B, K]: [R, B].</summary>
    public Tensor Outputs(Tensor activations)
    {
        var outputs = activations.bmm(OutputWeights.unsqueeze(2)).squeeze(2);
        return OutputBias is null ? outputs : outputs.add(OutputBias, ConstantScalars.One);
    }

    /// <summary>Copies every replicate's parameters back into its own network.</summary>
    public void WriteBack()
    {
        using var noGrad = no_grad();
        for (int r = 0; r < _replicates.Count; r++)
        {
            var layers = _replicates[r].Network.Layers;
            layers[0].weight!.copy_(HiddenWeights[r]);
            layers[0].bias?.copy_(HiddenBias![r]);
            layers[1].weight!.view(-1).copy_(OutputWeights[r]);
            layers[1].bias?.copy_(OutputBias![r]);
        }
    }

    /// <summary>A stacked copy as a parameter (not requiring gradients until an autograd step asks), so an optimizer can hold it.</summary>
    private Tensor Stack(Func<PrunableNetwork, Tensor> select)
    {
        using var scope = NewDisposeScope();
        var stacked = stack(_replicates.Select(n => select(n).detach()).ToArray()).contiguous();
        return new TorchSharp.Modules.Parameter(stacked, requires_grad: false).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        HiddenWeights.Dispose();
        HiddenBias?.Dispose();
        OutputWeights.Dispose();
        OutputBias?.Dispose();
        HiddenMask?.Dispose();
        OutputMask?.Dispose();
    }
}

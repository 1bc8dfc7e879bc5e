using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// R two-layer networks of the same shape as one: hidden weights [R, K, D], hidden biases [R, K], output weights
/// [R, K], output biases [R, 1], masks [R, K, D] (and [R, K] when the output layer is pruned). Replicate r is row r of
/// each. Copied in from the replicates' networks when made, and back with <see cref="WriteBack"/>.
/// <para>Its products are either one batched product over the replicates (bmm: one kernel for all R, the GPU's way) or
/// one product per replicate on its own rows, made with the calls a lone network makes (mm, addmm, mv): the CPU's way,
/// where libtorch's batched products on one thread were 4 times slower than the replicates' own, and at R = 1 exactly a
/// single network's arithmetic, so a single run is this at R = 1.</para>
/// </summary>
internal sealed class StackedTwoLayerNetwork : IDisposable
{
    private readonly IReadOnlyList<PrunableNetwork> _replicates;

    /// <param name="batchedProducts">One batched product over the replicates (bmm) rather than one per replicate.</param>
    public StackedTwoLayerNetwork(IReadOnlyList<PrunableNetwork> replicates, bool batchedProducts)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0 || !replicates.All(Supports))
        {
            throw new ArgumentException("Stacking needs at least one two-layer network without input BatchNorm.", nameof(replicates));
        }
        _replicates = replicates;
        BatchedProducts = batchedProducts;
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

    /// <summary>Whether products are batched over the replicates (bmm) rather than made per replicate (see the class).</summary>
    public bool BatchedProducts { get; }

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
        if (!BatchedProducts)
        {
            return PerReplicate(r => HiddenBias is null ? inputs[r].mm(HiddenWeights[r].t()) : HiddenBias[r].addmm(inputs[r], HiddenWeights[r].t()));
        }
        var h = inputs.bmm(HiddenWeights.transpose(1, 2));
        return HiddenBias is null ? h : h.add(HiddenBias.unsqueeze(1), ConstantScalars.One);
    }

    /// <summary>The network's output for activations [R, B, K]: [R, B].</summary>
    public Tensor Outputs(Tensor activations)
    {
        if (!BatchedProducts)
        {
            return PerReplicate(r => OutputBias is null ? activations[r].mv(OutputWeights[r]) : OutputBias[r].addmv(activations[r], OutputWeights[r]));
        }
        var outputs = activations.bmm(OutputWeights.unsqueeze(2)).squeeze(2);
        return OutputBias is null ? outputs : outputs.add(OutputBias, ConstantScalars.One);
    }

    /// <summary>Σ_b a[b, k] e[b] for activations [R, B, K] and output residuals [R, B]: the output weights' gradient direction, [R, K].</summary>
    public Tensor OutputWeightProduct(Tensor activations, Tensor residual) => BatchedProducts
        ? activations.transpose(1, 2).bmm(residual.unsqueeze(2)).squeeze(2)
        : PerReplicate(r => activations[r].t().mv(residual[r]));

    /// <summary>Σ_b δ[b, k] x[b, d] for hidden residuals [R, B, K] and inputs [R, B, D]: the hidden weights' gradient direction, [R, K, D].</summary>
    public Tensor HiddenWeightProduct(Tensor hiddenResidual, Tensor inputs) => BatchedProducts
        ? hiddenResidual.transpose(1, 2).bmm(inputs)
        : PerReplicate(r => hiddenResidual[r].t().mm(inputs[r]));

    /// <summary>
    /// W &lt;- beta W + alpha Σ_b δ[b, k] x[b, d], per replicate in place as a lone network's addmm_ (no [R, K, D]
    /// temporary); batched, libtorch has no in-place bmm, so the product is one temporary.
    /// </summary>
    public void AccumulateHiddenWeights(Tensor hiddenResidual, Tensor inputs, float beta, float alpha)
    {
        if (BatchedProducts)
        {
            if (beta != 1)
            {
                using var betaValue = beta.ToScalar();
                HiddenWeights.mul_(betaValue);
            }
            using var alphaValue = alpha.ToScalar();
            HiddenWeights.add_(HiddenWeightProduct(hiddenResidual, inputs), alpha: alphaValue);
            return;
        }
        for (int r = 0; r < Replicates; r++)
        {
            HiddenWeights[r].addmm_(hiddenResidual[r].t(), inputs[r], beta: beta, alpha: alpha);
        }
    }

    /// <summary>w &lt;- beta w + alpha Σ_b a[b, k] e[b] for the output weights, as <see cref="AccumulateHiddenWeights"/>.</summary>
    public void AccumulateOutputWeights(Tensor activations, Tensor residual, float beta, float alpha)
    {
        if (BatchedProducts)
        {
            if (beta != 1)
            {
                using var betaValue = beta.ToScalar();
                OutputWeights.mul_(betaValue);
            }
            using var alphaValue = alpha.ToScalar();
            OutputWeights.add_(OutputWeightProduct(activations, residual), alpha: alphaValue);
            return;
        }
        for (int r = 0; r < Replicates; r++)
        {
            OutputWeights[r].addmv_(activations[r].t(), residual[r], beta: beta, alpha: alpha);
        }
    }

    /// <summary>Each replicate's sum over its batch of values [R, B] or [R, B, K]: [R] or [R, K].</summary>
    public Tensor SumOverBatch(Tensor values) => BatchedProducts
        ? values.sum(1)
        : PerReplicate(r => values[r].dim() == 1 ? values[r].sum() : values[r].sum(dim: 0));

    /// <summary>One result per replicate, stacked on a new first dimension (at R = 1 a view of the one result).</summary>
    private Tensor PerReplicate(Func<int, Tensor> ofReplicate) =>
        Replicates == 1 ? ofReplicate(0).unsqueeze(0) : stack(Enumerable.Range(0, Replicates).Select(ofReplicate).ToArray());

    /// <summary>Copies every replicate's parameters back into its own network.</summary>
    public void WriteBack()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
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

using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// R two-layer networks of the same shape as one: hidden weights [R, K, D], hidden biases [R, K], output weights
/// [R, K], output biases [R, 1], masks [R, K, D] (and [R, K] when the output layer is pruned). Replicate r is row r of
/// each. Copied in from the replicates' networks when made, and back with <see cref="WriteBack"/>. Per-sample values
/// (inputs, activations, outputs) are rows, replicate by replicate: [R * B, ...], replicate r's being rows r * B on.
/// <para>Its products are either one batched product over the replicates (bmm: one kernel for all R, the GPU's way) or
/// one product per replicate on its own rows, made with the calls a lone network makes (mm, addmm, mv): the CPU's way,
/// where libtorch's batched products on one thread were 4 times slower than the replicates' own. A lone network with
/// products per replicate (<see cref="IsLoneNetwork"/>) is not copied at all: its parameters are the network's own,
/// trained in place with exactly a single network's arithmetic and no per-step indexing, so a single run is this at R = 1.</para>
/// </summary>
internal sealed class StackedTwoLayerNetwork : IDisposable
{
    private readonly IReadOnlyList<PrunableNetwork> _replicates;
    // Products per replicate: each replicate's rows of the parameters (its W^T for the forward product), made once.
    private readonly Tensor[] _hiddenWeightRows = [], _hiddenWeightsT = [], _outputWeightRows = [];
    private readonly Tensor?[] _hiddenBiasRows = [], _outputBiasRows = [];
    // Handles this object made and frees: the stacks, or a lone network's views; and every row view.
    private readonly List<Tensor> _owned = [];

    /// <param name="batchedProducts">One batched product over the replicates (bmm) rather than one per replicate.</param>
    /// <param name="recordsGradients">Stacked parameters that require gradients, for an autograd step (not for a lone network).</param>
    public StackedTwoLayerNetwork(IReadOnlyList<PrunableNetwork> replicates, bool batchedProducts, bool recordsGradients = false)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0 || !replicates.All(Supports))
        {
            throw new ArgumentException("Stacking needs at least one two-layer network without input BatchNorm.", nameof(replicates));
        }
        _replicates = replicates;
        BatchedProducts = batchedProducts;
        IsLoneNetwork = replicates.Count == 1 && !batchedProducts;
        if (IsLoneNetwork && recordsGradients)
        {
            throw new ArgumentException("A lone network records gradients on its own parameters; train it with AutogradTrainingStep.", nameof(recordsGradients));
        }
        var first = replicates[0];
        var (hidden, output) = (first.Network.Layers[0], first.Network.Layers[1]);
        Activation = first.Network.Activation;
        TrainsOutputWeights = output.weight!.requires_grad;
        using (no_grad())
        {
            if (IsLoneNetwork)
            {
                HiddenWeights = hidden.weight!;
                HiddenBias = hidden.bias;
                OutputWeights = Own(output.weight!.view(-1));
                OutputBias = output.bias;
                HiddenMask = first.MaskOf(0);
                OutputMask = first.MaskOf(1) is { } outputMask ? Own(outputMask.view(-1)) : null;
            }
            else
            {
                HiddenWeights = Stack(n => n.Network.Layers[0].weight!, recordsGradients);
                HiddenBias = hidden.bias is null ? null : Stack(n => n.Network.Layers[0].bias!, recordsGradients);
                OutputWeights = Stack(n => n.Network.Layers[1].weight!.view(-1), recordsGradients && TrainsOutputWeights);
                OutputBias = output.bias is null ? null : Stack(n => n.Network.Layers[1].bias!, recordsGradients);
                HiddenMask = first.MaskOf(0) is null ? null : Stack(n => n.MaskOf(0)!, requiresGrad: false);
                OutputMask = first.MaskOf(1) is null ? null : Stack(n => n.MaskOf(1)!.view(-1), requiresGrad: false);
            }
        }
        // The rows are views made with gradients recorded, so an autograd step differentiates through them to the stacks.
        using var recording = enable_grad(recordsGradients);
        if (!batchedProducts)
        {
            _hiddenWeightRows = [.. Enumerable.Range(0, Replicates).Select(r => Row(HiddenWeights, r))];
            _hiddenWeightsT = [.. _hiddenWeightRows.Select(w => Own(w.t()))];
            _outputWeightRows = [.. Enumerable.Range(0, Replicates).Select(r => Row(OutputWeights, r))];
            _hiddenBiasRows = [.. Enumerable.Range(0, Replicates).Select(r => HiddenBias is null ? null : Row(HiddenBias, r))];
            _outputBiasRows = [.. Enumerable.Range(0, Replicates).Select(r => OutputBias is null ? null : Row(OutputBias, r))];
        }
    }

    /// <summary>Whether a network can be stacked: D -> K -> 1 with no input BatchNorm.</summary>
    public static bool Supports(PrunableNetwork network) =>
        network.Network.Layers.Count == 2 && !network.Network.NormalizesInputs;

    public int Replicates => _replicates.Count;

    /// <summary>Whether products are batched over the replicates (bmm) rather than made per replicate (see the class).</summary>
    public bool BatchedProducts { get; }

    /// <summary>One network with products per replicate: the parameters are its own, unstacked ([K, D], [K], [K], [1]).</summary>
    public bool IsLoneNetwork { get; }

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

    /// <summary>The trained parameters, in a fixed order, for an optimizer (stacked only: a lone network has its own).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => IsLoneNetwork
        ? throw new InvalidOperationException("A lone network's parameters are its own; train it with AutogradTrainingStep.")
        : TrainedTensors().Cast<TorchSharp.Modules.Parameter>();

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

    /// <summary>h = x W^T + b for inputs [R * B, D]: [R * B, K].</summary>
    public Tensor PreActivations(Tensor inputs)
    {
        if (!BatchedProducts)
        {
            return PerSample(r => _hiddenBiasRows[r] is { } bias
                ? bias.addmm(Rows(inputs, r), _hiddenWeightsT[r])
                : Rows(inputs, r).mm(_hiddenWeightsT[r]));
        }
        var h = ByReplicate(inputs).bmm(HiddenWeights.transpose(1, 2));
        return (HiddenBias is null ? h : h.add(HiddenBias.unsqueeze(1), ConstantScalars.One)).view(-1, h.shape[2]);
    }

    /// <summary>The network's output for activations [R * B, K]: [R * B].</summary>
    public Tensor Outputs(Tensor activations)
    {
        if (!BatchedProducts)
        {
            return PerSample(r => _outputBiasRows[r] is { } bias
                ? bias.addmv(Rows(activations, r), _outputWeightRows[r])
                : Rows(activations, r).mv(_outputWeightRows[r]));
        }
        var outputs = ByReplicate(activations).bmm(OutputWeights.unsqueeze(2)).squeeze(2);
        return (OutputBias is null ? outputs : outputs.add(OutputBias, ConstantScalars.One)).view(-1);
    }

    /// <summary>e[b] w[k] for output residuals e [R * B]: the residual back through the output layer, [R * B, K].</summary>
    public Tensor BackThroughOutput(Tensor residual) => BatchedProducts
        ? ByReplicate(residual).unsqueeze(2).mul(OutputWeights.unsqueeze(1)).view(-1, OutputWeights.shape[1])
        : PerSample(r => Rows(residual, r).outer(_outputWeightRows[r]));

    /// <summary>Σ_b a[b, k] e[b] for activations [R * B, K] and output residuals [R * B]: the output weights' gradient direction, shaped as they are.</summary>
    public Tensor OutputWeightProduct(Tensor activations, Tensor residual) => BatchedProducts
        ? ByReplicate(activations).transpose(1, 2).bmm(ByReplicate(residual).unsqueeze(2)).squeeze(2)
        : PerReplicate(r => Rows(activations, r).t().mv(Rows(residual, r)));

    /// <summary>Σ_b δ[b, k] x[b, d] for hidden residuals [R * B, K] and inputs [R * B, D]: the hidden weights' gradient direction, shaped as they are.</summary>
    public Tensor HiddenWeightProduct(Tensor hiddenResidual, Tensor inputs) => BatchedProducts
        ? ByReplicate(hiddenResidual).transpose(1, 2).bmm(ByReplicate(inputs))
        : PerReplicate(r => Rows(hiddenResidual, r).t().mm(Rows(inputs, r)));

    /// <summary>
    /// W &lt;- beta W + alpha Σ_b δ[b, k] x[b, d], per replicate in place as a lone network's addmm_ (no [R, K, D]
    /// temporary); batched, libtorch has no in-place bmm, so the product is one temporary.
    /// </summary>
    public void AccumulateHiddenWeights(Tensor hiddenResidual, Tensor inputs, float beta, float alpha)
    {
        if (BatchedProducts)
        {
            Accumulate(HiddenWeights, HiddenWeightProduct(hiddenResidual, inputs), beta, alpha);
            return;
        }
        for (int r = 0; r < Replicates; r++)
        {
            _hiddenWeightRows[r].addmm_(Rows(hiddenResidual, r).t(), Rows(inputs, r), beta: beta, alpha: alpha);
        }
    }

    /// <summary>w &lt;- beta w + alpha Σ_b a[b, k] e[b] for the output weights, as <see cref="AccumulateHiddenWeights"/>.</summary>
    public void AccumulateOutputWeights(Tensor activations, Tensor residual, float beta, float alpha)
    {
        if (BatchedProducts)
        {
            Accumulate(OutputWeights, OutputWeightProduct(activations, residual), beta, alpha);
            return;
        }
        for (int r = 0; r < Replicates; r++)
        {
            _outputWeightRows[r].addmv_(Rows(activations, r).t(), Rows(residual, r), beta: beta, alpha: alpha);
        }
    }

    /// <summary>
    /// Each replicate's sum over its batch, shaped as the bias it updates: output residuals [R * B] give the output
    /// biases' shape, hidden residuals [R * B, K] the hidden biases'.
    /// </summary>
    public Tensor SumOverBatch(Tensor values)
    {
        bool perOutput = values.dim() == 1;
        if (BatchedProducts)
        {
            return perOutput ? ByReplicate(values).sum(1, keepdim: true) : ByReplicate(values).sum(1);
        }
        return PerReplicate(r => perOutput ? Rows(values, r).sum().view(1) : Rows(values, r).sum(dim: 0));
    }

    /// <summary>Copies every replicate's parameters back into its own network (a lone network's are its own already).</summary>
    public void WriteBack()
    {
        if (IsLoneNetwork)
        {
            return;
        }
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

    private static void Accumulate(Tensor parameter, Tensor product, float beta, float alpha)
    {
        if (beta != 1)
        {
            using var betaValue = beta.ToScalar();
            parameter.mul_(betaValue);
        }
        using var alphaValue = alpha.ToScalar();
        parameter.add_(product, alpha: alphaValue);
    }

    /// <summary>Replicate r's rows of per-sample values [R * B, ...] (at R = 1 the values themselves).</summary>
    private Tensor Rows(Tensor perSample, int r)
    {
        if (Replicates == 1)
        {
            return perSample;
        }
        long batch = perSample.shape[0] / Replicates;
        return perSample.narrow(0, r * batch, batch);
    }

    /// <summary>Per-sample values [R * B, ...] as [R, B, ...], for the batched products.</summary>
    private Tensor ByReplicate(Tensor perSample) =>
        perSample.view([Replicates, perSample.shape[0] / Replicates, .. perSample.shape.Skip(1)]);

    /// <summary>Each replicate's per-sample result, as rows replicate by replicate (at R = 1 the one result).</summary>
    private Tensor PerSample(Func<int, Tensor> ofReplicate) =>
        Replicates == 1 ? ofReplicate(0) : cat(Enumerable.Range(0, Replicates).Select(ofReplicate).ToArray(), 0);

    /// <summary>Each replicate's parameter-shaped result, shaped as the parameters (a lone network's: unstacked).</summary>
    private Tensor PerReplicate(Func<int, Tensor> ofReplicate) =>
        IsLoneNetwork ? ofReplicate(0) : stack(Enumerable.Range(0, Replicates).Select(ofReplicate).ToArray());

    /// <summary>Replicate r's row of a parameter, a view made once (a lone network's parameter is its own row).</summary>
    private Tensor Row(Tensor parameter, int r) => IsLoneNetwork ? parameter : Own(parameter[r]);

    private Tensor Own(Tensor tensor)
    {
        _owned.Add(tensor.DetachFromDisposeScope());
        return tensor;
    }

    /// <summary>A stacked copy as a parameter (requiring gradients when an autograd step trains it), so an optimizer can hold it.</summary>
    private Tensor Stack(Func<PrunableNetwork, Tensor> select, bool requiresGrad)
    {
        using var scope = NewDisposeScope();
        var stacked = stack(_replicates.Select(n => select(n).detach()).ToArray()).contiguous();
        return Own(new TorchSharp.Modules.Parameter(stacked, requires_grad: requiresGrad));
    }

    public void Dispose()
    {
        foreach (var tensor in _owned)
        {
            tensor.Dispose();
        }
        _owned.Clear();
    }
}

using LocalityLab.Compute.Model;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// The general step (autograd and TorchSharp's optimizers) for R stacked two-layer replicates. The loss
/// differentiated is the sum of the replicates' mean losses, so each replicate's gradient is its own; SGD (with
/// momentum and weight decay) and Adam act element by element, so one optimizer over the stacked parameters is R
/// independent optimizers. Gradients are masked before the step and weights after it, as <see cref="AutogradTrainingStep"/>.
/// </summary>
internal sealed class TwoLayerAutogradStep : ITrainingStep
{

    private readonly StackedTwoLayerNetwork _network;
    private readonly LossKind _loss;
    private readonly optim.Optimizer _optimizer;
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    private Tensor? _lastLoss;

    /// <param name="network">The replicates, stacked; the step owns it from here.</param>
    public TwoLayerAutogradStep(StackedTwoLayerNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        if (network.IsLoneNetwork || network.Parameters().Any(p => !p.requires_grad))
        {
            throw new ArgumentException("The autograd step needs a stacked network made to record gradients.", nameof(network));
        }
        _network = network;
        _loss = training.Loss;
        _parameters = [.. network.Parameters()];
        _optimizer = Optimizers.For(_parameters, training);
    }

    public double[] Forward(Tensor inputs, Tensor labels)
    {
        _optimizer.zero_grad();
        var h = _network.PreActivations(inputs);
        var a = Activations.Apply(_network.Activation, h);
        var losses = BatchedLoss.Of(_network.Outputs(a), labels, _loss, _network.Replicates, _network.BatchedProducts);
        _lastLoss = losses.sum();
        using var host = losses.detach().to(ScalarType.Float64).cpu();
        return host.data<double>().ToArray();
    }

    public void Update()
    {
        var loss = _lastLoss ?? throw new InvalidOperationException("Update needs a Forward first.");
        loss.backward();
        using (no_grad())
        {
            if (_network.HiddenMask is { } hiddenMask)
            {
                _network.HiddenWeights.grad?.mul_(hiddenMask);
            }
            if (_network.OutputMask is { } outputMask)
            {
                _network.OutputWeights.grad?.mul_(outputMask);
            }
        }
        _optimizer.step();
        using (no_grad())
        {
            if (_network.HiddenMask is { } hiddenMask)
            {
                _network.HiddenWeights.mul_(hiddenMask);
            }
            if (_network.OutputMask is { } outputMask)
            {
                _network.OutputWeights.mul_(outputMask);
            }
        }
        _lastLoss = null;
    }

    public void WriteBack() => _network.WriteBack();

    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Dispose();
    }
}

using LocalityLab.Compute.Model;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// The general step: autograd and TorchSharp's optimizers, for every architecture, optimizer and loss, of one network
/// (R = 1) trained in place. Gradients are masked before the optimizer step (so momentum and Adam state stay zero
/// there) and weights after it.
/// </summary>
internal sealed class AutogradTrainingStep : ITrainingStep
{
    private readonly PrunableNetwork _network;
    private readonly LossKind _loss;
    private readonly optim.Optimizer _optimizer;
    private Tensor? _lastLoss;

    public AutogradTrainingStep(PrunableNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        _network = network;
        _loss = training.Loss;
        var parameters = network.Network.parameters().Where(p => p.requires_grad).ToList();
        _optimizer = Optimizers.For(parameters, training);
    }

    public double[] Forward(Tensor inputs, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        _optimizer.zero_grad();
        _lastLoss = TrainingLoss.Compute(_network.Network.forward(inputs), labels, _loss);
        return [_lastLoss.item<float>()];
    }

    public void Update()
    {
        var loss = _lastLoss ?? throw new InvalidOperationException("Update needs a Forward first.");
        loss.backward();
        _network.MaskGradients();
        _optimizer.step();
        _network.ApplyMasks();
        _lastLoss = null;
    }

    public void WriteBack()
    {
        // Trained in place: the network holds its weights already.
    }

    public void Dispose() => _optimizer.Dispose();
}

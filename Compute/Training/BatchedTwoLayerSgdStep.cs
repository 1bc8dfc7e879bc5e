using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// <see cref="TwoLayerSgdStep"/> for R replicates stacked in a <see cref="StackedTwoLayerNetwork"/>: the same
/// hand-written gradients with batched matrix products (bmm), so R replicates cost about one step's kernel launches.
/// Each replicate's loss is the mean over its own batch, as a single run's is.
/// </summary>
public sealed class BatchedTwoLayerSgdStep : IBatchedTrainingStep
{
    private static readonly double InverseSqrt2 = 1 / Math.Sqrt(2);

    // d/dh erf(h / sqrt 2) = sqrt(2 / pi) exp(-h^2 / 2).
    private static readonly double ErfSlope = Math.Sqrt(2 / Math.PI);

    private readonly StackedTwoLayerNetwork _network;
    private readonly LossKind _loss;
    private readonly double _learningRate, _momentum, _weightDecay;
    private readonly Tensor?[] _velocities = new Tensor?[4];
    private Tensor? _inputs, _labels, _preActivations, _activations, _outputs;

    public BatchedTwoLayerSgdStep(StackedTwoLayerNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        if (training.Optimizer != OptimizerKind.Sgd)
        {
            throw new ArgumentException("The hand-written batched step is SGD only.", nameof(training));
        }
        _network = network;
        _loss = training.Loss;
        _learningRate = training.LearningRate;
        _momentum = training.Momentum;
        _weightDecay = training.WeightDecay;
    }

    public double[] Forward(Tensor inputs, Tensor labels)
    {
        using var noGrad = no_grad();
        _inputs = inputs;
        _labels = labels;
        _preActivations = _network.PreActivations(inputs);
        _activations = _network.Activation switch
        {
            Activation.Relu => _preActivations.relu(),
            Activation.Tanh => _preActivations.tanh(),
            Activation.Erf => _preActivations.mul(InverseSqrt2).erf_(),
            _ => throw new InvalidOperationException($"Unknown activation {_network.Activation}."),
        };
        _outputs = _network.Outputs(_activations);
        return BatchedLoss.PerReplicate(_outputs, labels, _loss);
    }

    public void Update()
    {
        if (_outputs is null || _activations is null || _preActivations is null || _inputs is null || _labels is null)
        {
            throw new InvalidOperationException("Update needs a Forward first.");
        }
        using var noGrad = no_grad();
        long batch = _outputs.shape[1];
        double scale = (_loss == LossKind.Mse ? 2.0 : 1.0) / batch;
        var residual = _loss switch
        {
            LossKind.Bce => _outputs.sigmoid().sub_(_labels),
            LossKind.Mse => _outputs.sub(_labels.mul(2).sub_(1)),
            _ => throw new InvalidOperationException($"Unknown loss {_loss}."),
        }; // [R, B]

        // Back through the output layer (with the forward pass's weights), then the activation: [R, B, K].
        var hiddenResidual = residual.unsqueeze(2).mul(_network.OutputWeights.unsqueeze(1));
        switch (_network.Activation)
        {
            case Activation.Relu:
                hiddenResidual.mul_(_activations.gt(0));
                break;
            case Activation.Tanh:
                hiddenResidual.mul_(_activations.square().neg_().add_(1));
                break;
            case Activation.Erf:
                hiddenResidual.mul_(_preActivations.square().mul_(-0.5).exp_().mul_(ErfSlope));
                break;
        }
        var residualColumn = residual.unsqueeze(2); // [R, B, 1]
        var hiddenResidualT = hiddenResidual.transpose(1, 2); // [R, K, B]

        if (_momentum != 0)
        {
            if (_network.TrainsOutputWeights)
            {
                Descend(0, _network.OutputWeights, _activations.transpose(1, 2).bmm(residualColumn).squeeze(2).mul_(scale), _network.OutputMask);
            }
            if (_network.OutputBias is { } outputBias)
            {
                Descend(1, outputBias, residual.sum(1, keepdim: true).mul_(scale), mask: null);
            }
            Descend(2, _network.HiddenWeights, hiddenResidualT.bmm(_inputs).mul_(scale), _network.HiddenMask);
            if (_network.HiddenBias is { } hiddenBias)
            {
                Descend(3, hiddenBias, hiddenResidual.sum(1).mul_(scale), mask: null);
            }
        }
        else
        {
            // p <- (1 - lr wd) p - lr g; the masks then zero what the products added to pruned weights, which were
            // zero, so they are zero again (libtorch has no in-place batched addmm, so each gradient is one temporary).
            double factor = -_learningRate * scale;
            if (_network.TrainsOutputWeights)
            {
                Shrink(_network.OutputWeights);
                _network.OutputWeights.add_(_activations.transpose(1, 2).bmm(residualColumn).squeeze(2), alpha: factor);
                if (_network.OutputMask is { } outputMask)
                {
                    _network.OutputWeights.mul_(outputMask);
                }
            }
            if (_network.OutputBias is { } outputBias)
            {
                Shrink(outputBias);
                outputBias.add_(residual.sum(1, keepdim: true), alpha: factor);
            }
            Shrink(_network.HiddenWeights);
            _network.HiddenWeights.add_(hiddenResidualT.bmm(_inputs), alpha: factor);
            if (_network.HiddenMask is { } hiddenMask)
            {
                _network.HiddenWeights.mul_(hiddenMask);
            }
            if (_network.HiddenBias is { } hiddenBias)
            {
                Shrink(hiddenBias);
                hiddenBias.add_(hiddenResidual.sum(1), alpha: factor);
            }
        }
        _inputs = _labels = _preActivations = _activations = _outputs = null;
    }

    private void Shrink(Tensor parameter)
    {
        if (_weightDecay != 0)
        {
            parameter.mul_(1 - (_learningRate * _weightDecay));
        }
    }

    /// <summary>PyTorch's SGD update of one parameter (dampening 0, not Nesterov), its gradient masked first.</summary>
    private void Descend(int slot, Tensor parameter, Tensor gradient, Tensor? mask)
    {
        if (mask is not null)
        {
            gradient.mul_(mask);
        }
        if (_weightDecay != 0)
        {
            gradient.add_(parameter, alpha: _weightDecay);
        }
        if (_velocities[slot] is { } velocity)
        {
            gradient = velocity.mul_(_momentum).add_(gradient);
        }
        else
        {
            gradient = _velocities[slot] = gradient.clone().DetachFromDisposeScope();
        }
        parameter.add_(gradient, alpha: -_learningRate);
    }

    public void Dispose()
    {
        foreach (var velocity in _velocities)
        {
            velocity?.Dispose();
        }
    }
}

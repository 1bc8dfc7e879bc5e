using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// <see cref="TwoLayerSgdStep"/> for R replicates stacked in a <see cref="StackedTwoLayerNetwork"/>: the same
/// hand-written gradients with batched matrix products (bmm), so R replicates cost about one step's kernel launches.
/// Each replicate's loss is the mean over its own batch, as a single run's is.
/// </summary>
internal sealed class BatchedTwoLayerSgdStep : IBatchedTrainingStep
{

    // d/dh erf(h / sqrt 2) = sqrt(2 / pi) exp(-h^2 / 2).

    private readonly StackedTwoLayerNetwork _network;
    private readonly LossKind _loss;
    private readonly SgdParameterUpdate _sgd;
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
        _sgd = new SgdParameterUpdate(training, slots: 4);
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
            Activation.Erf => _preActivations.mul(ConstantScalars.InverseSqrt2).erf_(),
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
        // Owned for the step: an implicitly converted Scalar can be finalised while libtorch reads it.
        using var scaleValue = scale.ToScalar();
        var residual = _loss switch
        {
            LossKind.Bce => _outputs.sigmoid().sub_(_labels),
            LossKind.Mse => _outputs.sub(_labels.mul(ConstantScalars.Two).sub_(ConstantScalars.One)),
            _ => throw new InvalidOperationException($"Unknown loss {_loss}."),
        }; // [R, B]

        // Back through the output layer (with the forward pass's weights), then the activation: [R, B, K].
        var hiddenResidual = residual.unsqueeze(2).mul(_network.OutputWeights.unsqueeze(1));
        switch (_network.Activation)
        {
            case Activation.Relu:
                hiddenResidual.mul_(_activations.gt(ConstantScalars.Zero));
                break;
            case Activation.Tanh:
                hiddenResidual.mul_(_activations.pow(ConstantScalars.Two).neg_().add_(ConstantScalars.One, ConstantScalars.One));
                break;
            case Activation.Erf:
                hiddenResidual.mul_(_preActivations.pow(ConstantScalars.Two).mul_(ConstantScalars.MinusHalf).exp_().mul_(ConstantScalars.ErfSlope));
                break;
        }
        var residualColumn = residual.unsqueeze(2); // [R, B, 1]
        var hiddenResidualT = hiddenResidual.transpose(1, 2); // [R, K, B]

        if (_sgd.Momentum != 0)
        {
            if (_network.TrainsOutputWeights)
            {
                _sgd.Descend(0, _network.OutputWeights, _activations.transpose(1, 2).bmm(residualColumn).squeeze(2).mul_(scaleValue), _network.OutputMask);
            }
            if (_network.OutputBias is { } outputBias)
            {
                _sgd.Descend(1, outputBias, residual.sum(1, keepdim: true).mul_(scaleValue), mask: null);
            }
            _sgd.Descend(2, _network.HiddenWeights, hiddenResidualT.bmm(_inputs).mul_(scaleValue), _network.HiddenMask);
            if (_network.HiddenBias is { } hiddenBias)
            {
                _sgd.Descend(3, hiddenBias, hiddenResidual.sum(1).mul_(scaleValue), mask: null);
            }
        }
        else
        {
            // p <- (1 - lr wd) p - lr g; the masks zero what the products would add to pruned weights, which were
            // zero, so they stay zero (libtorch has no in-place batched addmm, so each gradient is one temporary).
            double factor = -_sgd.LearningRate * scale;
            using var factorValue = factor.ToScalar();
            if (_network.TrainsOutputWeights)
            {
                _sgd.Shrink(_network.OutputWeights);
                _network.OutputWeights.add_(_activations.transpose(1, 2).bmm(residualColumn).squeeze(2), alpha: factorValue);
                if (_network.OutputMask is { } outputMask)
                {
                    _network.OutputWeights.mul_(outputMask);
                }
            }
            if (_network.OutputBias is { } outputBias)
            {
                _sgd.Shrink(outputBias);
                outputBias.add_(residual.sum(1, keepdim: true), alpha: factorValue);
            }
            _sgd.Shrink(_network.HiddenWeights);
            if (_network.HiddenMask is { } hiddenMask)
            {
                // Pruned weights are zero and get factor * gradient * 0 added: one pass instead of an add and a mask.
                _network.HiddenWeights.addcmul_(hiddenResidualT.bmm(_inputs), hiddenMask, factorValue);
            }
            else
            {
                _network.HiddenWeights.add_(hiddenResidualT.bmm(_inputs), alpha: factorValue);
            }
            if (_network.HiddenBias is { } hiddenBias)
            {
                _sgd.Shrink(hiddenBias);
                hiddenBias.add_(hiddenResidual.sum(1), alpha: factorValue);
            }
        }
        _inputs = _labels = _preActivations = _activations = _outputs = null;
    }

    public void Dispose() => _sgd.Dispose();
}

using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// SGD (with momentum and weight decay as PyTorch's SGD) on R stacked two-layer networks (R = 1 for a single run), with
/// the gradients written out by hand instead of recorded by autograd: about twenty kernels a step and no optimizer
/// bookkeeping, which is most of a small step's time; without momentum the weight gradients are accumulated straight
/// into the weights by the matrix products. It computes what <see cref="AutogradTrainingStep"/> computes, to float32
/// rounding (tested), and pruned weights, their momentum and their updates stay exactly zero. Each replicate's loss is
/// the mean over its own batch, as a single run's is; the products are the stacked network's (per replicate or batched).
/// </summary>
internal sealed class TwoLayerSgdStep : ITrainingStep
{
    // d/dh erf(h / sqrt 2) = sqrt(2 / pi) exp(-h^2 / 2).

    private readonly StackedTwoLayerNetwork _network;
    private readonly LossKind _loss;
    private readonly SgdParameterUpdate _sgd;
    private Tensor? _inputs, _labels, _preActivations, _activations, _outputs;

    /// <param name="network">The replicates, stacked; the step owns it from here.</param>
    public TwoLayerSgdStep(StackedTwoLayerNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        if (training.Optimizer != OptimizerKind.Sgd)
        {
            throw new ArgumentException("The hand-written step is SGD only.", nameof(training));
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
        return BatchedLoss.PerReplicate(_outputs, labels, _loss, _network.Replicates, _network.BatchedProducts);
    }

    public void Update()
    {
        if (_outputs is null || _activations is null || _preActivations is null || _inputs is null || _labels is null)
        {
            throw new InvalidOperationException("Update needs a Forward first.");
        }
        using var noGrad = no_grad();
        long batch = _outputs.shape[0] / _network.Replicates;

        // dL/d(output) = scale * residual for the mean loss over the batch; the scale goes into the updates' factors.
        double scale = (_loss == LossKind.Mse ? 2.0 : 1.0) / batch;
        // Owned for the step: an implicitly converted Scalar can be finalised while libtorch reads it.
        using var scaleValue = scale.ToScalar();
        var residual = _loss switch
        {
            LossKind.Bce => _outputs.sigmoid().sub_(_labels),
            LossKind.Mse => _outputs.sub(TrainingLoss.SignedTargets(_labels)),
            _ => throw new InvalidOperationException($"Unknown loss {_loss}."),
        }; // [R * B]

        // Back through the output layer (with the forward pass's weights), then the activation: [R * B, K].
        var hiddenResidual = _network.BackThroughOutput(residual);
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

        if (_sgd.Momentum != 0)
        {
            if (_network.TrainsOutputWeights)
            {
                _sgd.Descend(0, _network.OutputWeights, _network.OutputWeightProduct(_activations, residual).mul_(scaleValue), _network.OutputMask);
            }
            if (_network.OutputBias is { } outputBias)
            {
                _sgd.Descend(1, outputBias, _network.SumOverBatch(residual).mul_(scaleValue), mask: null);
            }
            _sgd.Descend(2, _network.HiddenWeights, _network.HiddenWeightProduct(hiddenResidual, _inputs).mul_(scaleValue), _network.HiddenMask);
            if (_network.HiddenBias is { } hiddenBias)
            {
                _sgd.Descend(3, hiddenBias, _network.SumOverBatch(hiddenResidual).mul_(scaleValue), mask: null);
            }
        }
        else
        {
            // p <- (1 - lr wd) p - lr g. The products accumulate straight into the weights (no K x D gradient is made
            // per replicate); the masks then zero what they added to pruned weights, which were zero, so they are zero again.
            float shrinkage = (float)(1 - (_sgd.LearningRate * _sgd.WeightDecay)), factor = (float)(-_sgd.LearningRate * scale);
            using var factorValue = factor.ToScalar();
            if (_network.TrainsOutputWeights)
            {
                _network.AccumulateOutputWeights(_activations, residual, shrinkage, factor);
                if (_network.OutputMask is { } outputMask)
                {
                    _network.OutputWeights.mul_(outputMask);
                }
            }
            if (_network.OutputBias is { } outputBias)
            {
                _sgd.Shrink(outputBias);
                outputBias.add_(_network.SumOverBatch(residual), alpha: factorValue);
            }
            _network.AccumulateHiddenWeights(hiddenResidual, _inputs, shrinkage, factor);
            if (_network.HiddenMask is { } hiddenMask)
            {
                _network.HiddenWeights.mul_(hiddenMask);
            }
            if (_network.HiddenBias is { } hiddenBias)
            {
                _sgd.Shrink(hiddenBias);
                hiddenBias.add_(_network.SumOverBatch(hiddenResidual), alpha: factorValue);
            }
        }
        _inputs = _labels = _preActivations = _activations = _outputs = null;
    }

    public void WriteBack() => _network.WriteBack();

    public void Dispose()
    {
        _sgd.Dispose();
        _network.Dispose();
    }
}

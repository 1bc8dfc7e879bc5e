using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// SGD (with momentum and weight decay as PyTorch's SGD) on the two-layer network, with the gradients written out by
/// hand instead of recorded by autograd: about twenty kernels a step and no optimizer bookkeeping, which is most of
/// a small step's time; without momentum the weight gradients are accumulated straight into the weights by the
/// matrix products. It computes what <see cref="AutogradTrainingStep"/> computes, to float32 rounding (tested), and
/// pruned weights, their momentum and their updates stay exactly zero.
/// </summary>
internal sealed class TwoLayerSgdStep : ITrainingStep
{

    // d/dh erf(h / sqrt 2) = sqrt(2 / pi) exp(-h^2 / 2).

    private readonly Activation _activation;
    private readonly LossKind _loss;
    private readonly SgdParameterUpdate _sgd;
    private readonly Tensor _hiddenWeights, _hiddenWeightsT, _outputWeights;
    private readonly Tensor? _hiddenBias, _outputBias, _hiddenMask, _outputMask;
    private readonly bool _trainsOutputWeights;
    private Tensor? _inputs, _labels, _preActivations, _activations, _outputs;

    public TwoLayerSgdStep(PrunableNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        if (!Supports(network.Network, training))
        {
            throw new ArgumentException("Only SGD on a two-layer network without input BatchNorm.", nameof(network));
        }
        _activation = network.Network.Activation;
        _loss = training.Loss;
        _sgd = new SgdParameterUpdate(training, slots: 4);

        using var noGrad = no_grad();
        var (hidden, output) = (network.Network.Layers[0], network.Network.Layers[1]);
        _hiddenWeights = hidden.weight!;
        _hiddenWeightsT = hidden.weight!.t().DetachFromDisposeScope();
        _hiddenBias = hidden.bias;
        _outputWeights = output.weight!.view(-1).DetachFromDisposeScope(); // [1, K] as [K]
        _outputBias = output.bias;
        _trainsOutputWeights = output.weight!.requires_grad;
        _hiddenMask = network.MaskOf(0);
        _outputMask = network.MaskOf(1)?.view(-1).DetachFromDisposeScope();
    }

    /// <summary>Whether this step computes the spec's training: SGD on D -> K -> 1 with no input BatchNorm.</summary>
    public static bool Supports(FullyConnectedNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        return training.Optimizer == OptimizerKind.Sgd && network.Layers.Count == 2 && !network.NormalizesInputs;
    }

    public double Forward(Tensor inputs, Tensor labels)
    {
        using var noGrad = no_grad();
        _inputs = inputs;
        _labels = labels;
        _preActivations = _hiddenBias is null ? inputs.mm(_hiddenWeightsT) : _hiddenBias.addmm(inputs, _hiddenWeightsT);
        _activations = _activation switch
        {
            Activation.Relu => _preActivations.relu(),
            Activation.Tanh => _preActivations.tanh(),
            Activation.Erf => _preActivations.mul(ConstantScalars.InverseSqrt2).erf_(),
            _ => throw new InvalidOperationException($"Unknown activation {_activation}."),
        };
        _outputs = _outputBias is null ? _activations.mv(_outputWeights) : _outputBias.addmv(_activations, _outputWeights);
        return TrainingLoss.Compute(_outputs, labels, _loss).item<float>();
    }

    public void Update()
    {
        if (_outputs is null || _activations is null || _preActivations is null || _inputs is null || _labels is null)
        {
            throw new InvalidOperationException("Update needs a Forward first.");
        }
        using var noGrad = no_grad();
        long batch = _outputs.shape[0];

        // dL/d(output) = scale * residual for the mean loss over the batch; the scale goes into the updates' factors.
        double scale = (_loss == LossKind.Mse ? 2.0 : 1.0) / batch;
        // Owned for the step: an implicitly converted Scalar can be finalised while libtorch reads it.
        using var scaleValue = scale.ToScalar();
        var residual = _loss switch
        {
            LossKind.Bce => _outputs.sigmoid().sub_(_labels),
            LossKind.Mse => _outputs.sub(TrainingLoss.SignedTargets(_labels)),
            _ => throw new InvalidOperationException($"Unknown loss {_loss}."),
        };

        // Back through the output layer (with the weights of the forward pass), then the activation.
        var hiddenResidual = residual.outer(_outputWeights);
        switch (_activation)
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
            if (_trainsOutputWeights)
            {
                _sgd.Descend(0, _outputWeights, _activations.t().mv(residual).mul_(scaleValue), _outputMask);
            }
            if (_outputBias is not null)
            {
                _sgd.Descend(1, _outputBias, residual.sum().mul_(scaleValue).view(1), mask: null);
            }
            _sgd.Descend(2, _hiddenWeights, hiddenResidual.t().mm(_inputs).mul_(scaleValue), _hiddenMask);
            if (_hiddenBias is not null)
            {
                _sgd.Descend(3, _hiddenBias, hiddenResidual.sum(dim: 0).mul_(scaleValue), mask: null);
            }
        }
        else
        {
            // p <- (1 - lr wd) p - lr g. The products accumulate straight into the weights (no K x D gradient is
            // made); the masks then zero what they added to pruned weights, which were zero, so they are zero again.
            float shrinkage = (float)(1 - (_sgd.LearningRate * _sgd.WeightDecay)), factor = (float)(-_sgd.LearningRate * scale);
            using var factorValue = factor.ToScalar();
            if (_trainsOutputWeights)
            {
                _outputWeights.addmv_(_activations.t(), residual, beta: shrinkage, alpha: factor);
                if (_outputMask is not null)
                {
                    _outputWeights.mul_(_outputMask);
                }
            }
            if (_outputBias is not null)
            {
                _sgd.Shrink(_outputBias);
                _outputBias.add_(residual.sum(), alpha: factorValue);
            }
            _hiddenWeights.addmm_(hiddenResidual.t(), _inputs, beta: shrinkage, alpha: factor);
            if (_hiddenMask is not null)
            {
                _hiddenWeights.mul_(_hiddenMask);
            }
            if (_hiddenBias is not null)
            {
                _sgd.Shrink(_hiddenBias);
                _hiddenBias.add_(hiddenResidual.sum(dim: 0), alpha: factorValue);
            }
        }
        _inputs = _labels = _preActivations = _activations = _outputs = null;
    }

    public void Dispose()
    {
        _sgd.Dispose();
        _hiddenWeightsT.Dispose();
        _outputWeights.Dispose();
        _outputMask?.Dispose();
    }
}

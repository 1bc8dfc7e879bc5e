using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// PyTorch's SGD update of single parameters (dampening 0, not Nesterov), with momentum buffers kept per slot: what
/// the hand-written steps, single and batched, apply to the gradients they compute.
/// </summary>
internal sealed class SgdParameterUpdate(TrainingSpec training, int slots) : IDisposable
{
    private readonly Tensor?[] _velocities = new Tensor?[slots];

    // Owned for the update's life: libtorch reads a Scalar on every step (see ConstantScalars).
    private readonly Scalar _shrinkage = (1 - (training.LearningRate * training.WeightDecay)).ToScalar();
    private readonly Scalar _weightDecay = training.WeightDecay.ToScalar();
    private readonly Scalar _momentum = training.Momentum.ToScalar();
    private readonly Scalar _descent = (-training.LearningRate).ToScalar();

    public double LearningRate { get; } = training.LearningRate;

    public double Momentum { get; } = training.Momentum;

    public double WeightDecay { get; } = training.WeightDecay;

    /// <summary>p &lt;- (1 - lr wd) p: weight decay applied on its own, when the gradient is added straight into p.</summary>
    public void Shrink(Tensor parameter)
    {
        if (WeightDecay != 0)
        {
            parameter.mul_(_shrinkage);
        }
    }

    /// <summary>One parameter's update from its gradient, the gradient masked first.</summary>
    public void Descend(int slot, Tensor parameter, Tensor gradient, Tensor? mask)
    {
        if (mask is not null)
        {
            gradient.mul_(mask);
        }
        if (WeightDecay != 0)
        {
            gradient.add_(parameter, alpha: _weightDecay);
        }
        if (Momentum != 0)
        {
            if (_velocities[slot] is { } velocity)
            {
                gradient = velocity.mul_(_momentum).add_(gradient, ConstantScalars.One);
            }
            else
            {
                gradient = _velocities[slot] = gradient.clone().DetachFromDisposeScope();
            }
        }
        parameter.add_(gradient, alpha: _descent);
    }

    public void Dispose()
    {
        foreach (var velocity in _velocities)
        {
            velocity?.Dispose();
        }
        _shrinkage.Dispose();
        _weightDecay.Dispose();
        _momentum.Dispose();
        _descent.Dispose();
    }
}

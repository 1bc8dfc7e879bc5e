using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// PyTorch's SGD update of single parameters (dampening 0, not Nesterov), with momentum buffers kept per slot: what
/// the hand-written steps, single and batched, apply to the gradients they compute.
/// </summary>
internal sealed class SgdParameterUpdate(TrainingSpec training, int slots) : IDisposable
{
    private readonly Tensor?[] _velocities = new Tensor?[slots];

    public double LearningRate { get; } = training.LearningRate;

    public double Momentum { get; } = training.Momentum;

    public double WeightDecay { get; } = training.WeightDecay;

    /// <summary>p &lt;- (1 - lr wd) p: weight decay applied on its own, when the gradient is added straight into p.</summary>
    public void Shrink(Tensor parameter)
    {
        if (WeightDecay != 0)
        {
            parameter.mul_(1 - (LearningRate * WeightDecay));
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
            gradient.add_(parameter, alpha: WeightDecay);
        }
        if (Momentum != 0)
        {
            if (_velocities[slot] is { } velocity)
            {
                gradient = velocity.mul_(Momentum).add_(gradient);
            }
            else
            {
                gradient = _velocities[slot] = gradient.clone().DetachFromDisposeScope();
            }
        }
        parameter.add_(gradient, alpha: -LearningRate);
    }

    public void Dispose()
    {
        foreach (var velocity in _velocities)
        {
            velocity?.Dispose();
        }
    }
}

using LocalityLab.Shared.Experiments;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>The libtorch optimizer a spec's training names, over the parameters an autograd step trains: said once for every such step.</summary>
internal static class Optimizers
{
    public static optim.Optimizer For(IEnumerable<Parameter> parameters, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, training.LearningRate, momentum: training.Momentum,
                weight_decay: training.WeightDecay),
            OptimizerKind.Adam => optim.Adam(parameters, training.LearningRate, weight_decay: training.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(training), training.Optimizer, "Unknown optimizer."),
        };
    }
}

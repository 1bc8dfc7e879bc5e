using LocalityLab.Compute.Model;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// Which step trains a round's replicates, said once. SGD on two-layer networks (no input BatchNorm) takes the
/// hand-written <see cref="TwoLayerSgdStep"/> at any R; other optimizers take autograd, on the stacked replicates
/// (<see cref="TwoLayerAutogradStep"/>) when there are several, on the network itself (<see cref="AutogradTrainingStep"/>,
/// any architecture) when there is one.
/// </summary>
internal static class TrainingSteps
{
    /// <summary>Whether a spec's training takes the hand-written step: SGD on D -> K -> 1 without input BatchNorm.</summary>
    public static bool IsHandWritten(ModelSpec model, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        return training.Optimizer == OptimizerKind.Sgd && ExperimentSpecValidator.WeightLayers(model) == 2 && !model.InputBatchNorm;
    }

    /// <summary>Whether these networks can train together as one stacked model (two-layer, no input BatchNorm).</summary>
    public static bool CanStack(IEnumerable<PrunableNetwork> networks) => networks.All(StackedTwoLayerNetwork.Supports);

    /// <summary>Products batched over the replicates on a GPU with several of them; per replicate otherwise (see <see cref="StackedTwoLayerNetwork"/>).</summary>
    public static bool BatchesProducts(Device device, int replicates) => device.type == TorchSharp.DeviceType.CUDA && replicates > 1;

    /// <param name="batchedProducts">Null: as <see cref="BatchesProducts"/> says for <paramref name="device"/>.</param>
    public static ITrainingStep Create(IReadOnlyList<PrunableNetwork> networks, TrainingSpec training, Device device, bool? batchedProducts = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(training);
        if (networks.Count == 0)
        {
            throw new ArgumentException("A step trains at least one network.", nameof(networks));
        }
        bool stacks = CanStack(networks);
        if (training.Optimizer != OptimizerKind.Sgd || !stacks)
        {
            if (networks.Count == 1)
            {
                return new AutogradTrainingStep(networks[0], training);
            }
            if (!stacks)
            {
                throw new ArgumentException("Replicates train together only as two-layer networks without input BatchNorm.", nameof(networks));
            }
        }
        bool handWritten = training.Optimizer == OptimizerKind.Sgd;
        var stacked = new StackedTwoLayerNetwork(networks, batchedProducts ?? BatchesProducts(device, networks.Count), recordsGradients: !handWritten);
        return handWritten ? new TwoLayerSgdStep(stacked, training) : new TwoLayerAutogradStep(stacked, training);
    }
}

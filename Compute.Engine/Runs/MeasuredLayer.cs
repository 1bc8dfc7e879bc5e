using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// What a round's measures read, copied off the network when its training ends: the first layer's weights and the test
/// set as that layer sees it. The next round can then train (and change the network) while these are measured.
/// </summary>
/// <param name="Weights">W [K, D], float32 on the CPU.</param>
/// <param name="Inputs">X [N, D] on the CPU: the test inputs after the input BatchNorm (in eval mode), if any.</param>
/// <param name="Labels">[N] labels on the CPU.</param>
internal sealed record MeasuredLayer(Tensor Weights, Tensor Inputs, Tensor Labels, InputShape Shape) : IDisposable
{
    public static MeasuredLayer Of(PrunableNetwork network, ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var model = network.Network;
        bool wasTraining = model.training;
        model.eval();
        try
        {
            var weights = model.FirstLayer.weight!.detach().cpu().to(ScalarType.Float32, copy: true);
            var inputs = model.PrepareInputs(data.Test.Inputs.to(weights.device)).cpu().clone();
            var labels = data.Test.Labels.cpu().clone();
            return new MeasuredLayer(weights.MoveToOuterDisposeScope(), inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(),
                data.Shape);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    public void Dispose()
    {
        Weights.Dispose();
        Inputs.Dispose();
        Labels.Dispose();
    }
}

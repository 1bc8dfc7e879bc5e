using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// What a round's measures read, taken from the network when its training ends: the first layer's weights (a copy,
/// so the next round may train meanwhile) and the test set as that layer sees it, on the CPU.
/// </summary>
internal sealed class MeasurementInputs : IDisposable
{
    private MeasurementInputs(Tensor weights, Tensor inputs, Tensor labels, InputShape shape)
    {
        Weights = weights;
        Inputs = inputs;
        Labels = labels;
        Shape = shape;
    }

    /// <summary>W [K, D], float32, a copy of the first layer's weights.</summary>
    public Tensor Weights { get; }

    /// <summary>X [N, D]: the test inputs after the input BatchNorm, if any (in evaluation mode).</summary>
    public Tensor Inputs { get; }

    /// <summary>[N] class labels.</summary>
    public Tensor Labels { get; }

    public InputShape Shape { get; }

    public static MeasurementInputs Capture(PrunableNetwork network, ExperimentData data)
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
            var weights = model.FirstLayer.weight!.detach().to(ScalarType.Float32, CPU, copy: true);
            var x = model.PrepareInputs(data.Test.Inputs.to(model.FirstLayer.weight!.device)).cpu();
            var labels = data.Test.Labels.cpu();
            return new MeasurementInputs(weights.MoveToOuterDisposeScope(), x.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), data.Shape);
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

using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary><see cref="TrainingLoss"/> for R replicates: outputs and float 0/1 labels [R, B], one mean loss per replicate.</summary>
internal static class BatchedLoss
{
    /// <summary>Each replicate's mean loss over its batch, [R], on the device.</summary>
    public static Tensor Of(Tensor outputs, Tensor labels, LossKind kind) => kind switch
    {
        LossKind.Bce => nn.functional.binary_cross_entropy_with_logits(outputs, labels, reduction: nn.Reduction.None).mean([1]),
        LossKind.Mse => nn.functional.mse_loss(outputs, labels.mul(ConstantScalars.Two).sub(ConstantScalars.One), reduction: nn.Reduction.None).mean([1]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };

    /// <summary>The same, read back to the host.</summary>
    public static double[] PerReplicate(Tensor outputs, Tensor labels, LossKind kind)
    {
        using var losses = Of(outputs, labels, kind);
        using var host = losses.to(ScalarType.Float64).cpu();
        return host.data<double>().ToArray();
    }
}

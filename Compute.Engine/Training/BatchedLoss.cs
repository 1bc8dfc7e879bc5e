using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary><see cref="TrainingLoss"/> for R replicates: outputs and float 0/1 labels [R, B], one mean loss per replicate.</summary>
internal static class BatchedLoss
{
    /// <summary>
    /// Each replicate's mean loss over its batch, [R], on the device: one reduction over all replicates when
    /// <paramref name="batched"/>, else each replicate's loss as a lone network's (<see cref="TrainingLoss"/>).
    /// </summary>
    public static Tensor Of(Tensor outputs, Tensor labels, LossKind kind, bool batched)
    {
        if (!batched)
        {
            long replicates = outputs.shape[0];
            return replicates == 1
                ? TrainingLoss.Compute(outputs[0], labels[0], kind).unsqueeze(0)
                : stack([.. Enumerable.Range(0, (int)replicates).Select(r => TrainingLoss.Compute(outputs[r], labels[r], kind))]);
        }
        return kind switch
        {
            LossKind.Bce => nn.functional.binary_cross_entropy_with_logits(outputs, labels, reduction: nn.Reduction.None).mean([1]),
            LossKind.Mse => nn.functional.mse_loss(outputs, labels.mul(ConstantScalars.Two).sub(ConstantScalars.One), reduction: nn.Reduction.None).mean([1]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
        };
    }

    /// <summary>The same, read back to the host.</summary>
    public static double[] PerReplicate(Tensor outputs, Tensor labels, LossKind kind, bool batched)
    {
        using var losses = Of(outputs, labels, kind, batched);
        using var host = losses.to(ScalarType.Float64).cpu();
        return host.data<double>().ToArray();
    }
}

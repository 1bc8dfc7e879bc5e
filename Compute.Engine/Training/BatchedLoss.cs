using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// <see cref="TrainingLoss"/> for R replicates: outputs and float 0/1 labels [R * B], rows replicate by replicate (see
/// <see cref="ITrainingStep"/>); one mean loss per replicate.
/// </summary>
internal static class BatchedLoss
{
    /// <summary>
    /// Each replicate's mean loss over its batch, [R], on the device: one reduction over all replicates when
    /// <paramref name="batched"/>, else each replicate's loss as a lone network's (<see cref="TrainingLoss"/>).
    /// </summary>
    public static Tensor Of(Tensor outputs, Tensor labels, LossKind kind, int replicates, bool batched)
    {
        if (!batched)
        {
            long batch = outputs.shape[0] / replicates;
            return replicates == 1
                ? TrainingLoss.Compute(outputs, labels, kind).unsqueeze(0)
                : stack([.. Enumerable.Range(0, replicates).Select(r => TrainingLoss.Compute(outputs.narrow(0, r * batch, batch), labels.narrow(0, r * batch, batch), kind))]);
        }
        var (byReplicate, labelsByReplicate) = (outputs.view(replicates, -1), labels.view(replicates, -1));
        return kind switch
        {
            LossKind.Bce => nn.functional.binary_cross_entropy_with_logits(byReplicate, labelsByReplicate, reduction: nn.Reduction.None).mean([1]),
            LossKind.Mse => nn.functional.mse_loss(byReplicate, labelsByReplicate.mul(ConstantScalars.Two).sub(ConstantScalars.One), reduction: nn.Reduction.None).mean([1]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
        };
    }

    /// <summary>The same, read back to the host (a lone network's as <see cref="TrainingLoss"/>'s float, with no stacking).</summary>
    public static double[] PerReplicate(Tensor outputs, Tensor labels, LossKind kind, int replicates, bool batched)
    {
        if (replicates == 1 && !batched)
        {
            using var loss = TrainingLoss.Compute(outputs, labels, kind);
            return [loss.item<float>()];
        }
        using var losses = Of(outputs, labels, kind, replicates, batched);
        using var host = losses.to(ScalarType.Float64).cpu();
        return host.data<double>().ToArray();
    }
}

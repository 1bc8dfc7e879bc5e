using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>The losses of SCIENCE.md, on the network's scalar output and 0/1 class labels.</summary>
internal static class TrainingLoss
{
    /// <summary>BCE on the logit; MSE against the label as -1/+1.</summary>
    public static Tensor Compute(Tensor output, Tensor labels, LossKind kind) => kind switch
    {
        LossKind.Bce => nn.functional.binary_cross_entropy_with_logits(output, labels.to(ScalarType.Float32)),
        LossKind.Mse => nn.functional.mse_loss(output, SignedTargets(labels)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };

    /// <summary>Class 0 as -1 and class 1 as +1, the MSE target.</summary>
    public static Tensor SignedTargets(Tensor labels) => labels.to(ScalarType.Float32).mul(ConstantScalars.Two).sub(ConstantScalars.One);
}

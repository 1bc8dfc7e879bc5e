using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Model;

/// <summary>The hidden units' nonlinearity g as autograd records it (SCIENCE.md: ReLU, tanh, or erf(h / sqrt 2)), said once for every network.</summary>
internal static class Activations
{
    public static Tensor Apply(Activation activation, Tensor h) => activation switch
    {
        Activation.Relu => nn.functional.relu(h),
        Activation.Tanh => h.tanh(),
        Activation.Erf => h.mul(ConstantScalars.InverseSqrt2).erf(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}

using TorchSharp;

namespace LocalityLab.Compute.Data;

/// <summary>
/// Inputs and labels on the CPU: <see cref="Inputs"/> float32 [n, D], each row one input laid out row-major
/// (pixel index = row * Width + col), <see cref="Labels"/> int64 [n] in {0, 1}.
/// The batch owns both tensors: they are detached from any dispose scope, and <see cref="Dispose"/> frees them.
/// </summary>
internal sealed class LabeledBatch : IDisposable
{
    public LabeledBatch(torch.Tensor inputs, torch.Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (inputs.dim() != 2 || inputs.dtype != torch.ScalarType.Float32)
        {
            throw new ArgumentException($"Inputs must be float32 [n, D]; got {inputs.dtype} [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        }
        if (labels.dim() != 1 || labels.dtype != torch.ScalarType.Int64 || labels.shape[0] != inputs.shape[0])
        {
            throw new ArgumentException(
                $"Labels must be int64 [{inputs.shape[0]}] to match the inputs; got {labels.dtype} [{string.Join(", ", labels.shape)}].",
                nameof(labels));
        }
        Inputs = inputs.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>float32 [n, D].</summary>
    public torch.Tensor Inputs { get; }

    /// <summary>int64 [n], each 0 or 1.</summary>
    public torch.Tensor Labels { get; }

    public int Count => (int)Labels.shape[0];

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}

using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// One optimisation step in two halves, so the trainer can stop on a diverged loss before any weight changes.
/// Tensors made by a step belong to the caller's dispose scope; state kept across steps belongs to the step.
/// </summary>
internal interface ITrainingStep : IDisposable
{
    /// <summary>The loss of the batch at the current weights, read back to the host.</summary>
    double Forward(Tensor inputs, Tensor labels);

    /// <summary>Updates the weights from the batch of the last <see cref="Forward"/>; pruned weights stay exactly zero.</summary>
    void Update();
}

using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// One optimisation step of R replicates (R = 1 for a single run), in two halves so the trainer can stop on a diverged
/// loss before any weight changes. Replicate r's update depends only on its own batch, so a step of R replicates is R
/// independent steps. Tensors made by a step belong to the caller's dispose scope; state kept across steps belongs to
/// the step.
/// </summary>
internal interface ITrainingStep : IDisposable
{
    /// <summary>
    /// Each replicate's mean loss on its batch, read back to the host. The batches come as rows, replicate by replicate:
    /// inputs [R * B, D] and float 0/1 labels [R * B], replicate r's batch being rows r * B to (r + 1) * B, so a single
    /// run's batch is passed as it is.
    /// </summary>
    double[] Forward(Tensor inputs, Tensor labels);

    /// <summary>Updates every replicate from the last <see cref="Forward"/>; pruned weights stay exactly zero.</summary>
    void Update();

    /// <summary>Puts the weights trained so far into the replicates' own networks (nothing to do for a step that trains them in place).</summary>
    void WriteBack();
}

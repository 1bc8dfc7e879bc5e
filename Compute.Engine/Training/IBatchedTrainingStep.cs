using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// One optimisation step of R replicates at once, in two halves like <see cref="ITrainingStep"/>: replicate r's
/// update depends only on its own batch, so a batched step is R independent steps.
/// </summary>
internal interface IBatchedTrainingStep : IDisposable
{
    /// <summary>Each replicate's loss on its batch: inputs [R, B, D], labels [R, B] as float 0/1.</summary>
    double[] Forward(Tensor inputs, Tensor labels);

    /// <summary>Updates every replicate from the last <see cref="Forward"/>; pruned weights stay exactly zero.</summary>
    void Update();
}

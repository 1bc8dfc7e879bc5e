using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Engine;

/// <summary>
/// The compute engine as the lab sees it: what it runs on, whether it admits a spec and what the spec would cost, a
/// preview of a spec's data, the check of its latent kernels, and a run of a spec round by round. Compute's
/// InProcessEngine is the one implementation today (the composition root wires it in); studies join this face as the
/// seam grows (issue 13).
/// </summary>
public interface ILabEngine
{
    /// <summary>The device experiments run on, libtorch's version and threads.</summary>
    ComputeInfo Device { get; }

    /// <summary>Every reason this server refuses the spec: its fields (the lab's ranges), its images, its size and time.</summary>
    IReadOnlyList<ValidationError> Check(ExperimentSpec? spec);

    /// <summary>What an admitted spec would take: memory, time, steps and parameters.</summary>
    ResourceEstimate Estimate(ExperimentSpec spec);

    /// <summary>Samples of each class of the spec's data, with the statistics the designer draws; CPU work, seconds at most.</summary>
    DataPreview Preview(ExperimentSpec spec, int samplesPerClass, long seed, CancellationToken cancellationToken);

    /// <summary>Per class, how far the latent kernel had to be clipped to be a covariance (null: it was one already).</summary>
    IReadOnlyList<KernelClipping?> KernelClippings(DataSpec data);

    /// <summary>
    /// Trains and prunes the spec round by round, from round 0 or after <paramref name="resumeFrom"/> (then with the
    /// results an uninterrupted run gives), yielding each round once it is measured; stops within a step of
    /// cancellation. Throws <see cref="ExperimentRejectedException"/> before computing anything for a spec it does not
    /// admit, and <see cref="TrainingDivergedException"/> when the loss is no longer finite (earlier rounds stand).
    /// </summary>
    IAsyncEnumerable<RoundResult> RunAsync(ExperimentSpec spec, IProgress<TrainingProgress>? progress, RoundCheckpoint? resumeFrom,
        CancellationToken cancellationToken);
}

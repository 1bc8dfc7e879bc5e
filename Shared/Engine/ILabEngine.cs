using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Engine;

/// <summary>
/// The compute engine as the lab sees it: what it runs on, whether it admits a spec and what the spec would cost, a
/// preview of a spec's data, the check of its latent kernels, a run of a spec round by round, and the same for a
/// study with its statistics. Compute's InProcessEngine is the one implementation today (the composition root wires it
/// in).
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

    /// <summary>
    /// The spec's inputs with their labels: <paramref name="count"/> fresh samples, or the very test or training set a
    /// run of the spec uses. Throws <see cref="ArgumentException"/> for a spec that is not valid or has no such set.
    /// </summary>
    DataSample Sample(ExperimentSpec spec, SampleSplit split, int count);

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

    /// <summary>Every reason this server refuses the study: its fields, each condition's spec, its size and time.</summary>
    IReadOnlyList<ValidationError> CheckStudy(StudySpec? study);

    /// <summary>The pruning strategies a spec may name (<see cref="PruningSpec.Strategy"/>), in the engine's order.</summary>
    IReadOnlyList<PruningStrategyInfo> PruningStrategies { get; }

    /// <summary>What an admitted study would take at most, as if every replicate ran alone.</summary>
    ResourceEstimate EstimateStudy(StudySpec study);

    /// <summary>
    /// Trains every condition's replicates together, yielding each replicate's round once measured (a round shared by
    /// several conditions once, naming them); continues after what <paramref name="stored"/> has. With
    /// <paramref name="only"/>, computes just those conditions (a remote worker's share of the study; a branch reads its
    /// trunk's checkpoints from <paramref name="stored"/>), with the results the whole study gives them. Throws as
    /// <see cref="RunAsync"/> does.
    /// </summary>
    IAsyncEnumerable<StudyRound> RunStudyAsync(StudySpec study, IProgress<StudyProgress>? progress, IStudyCheckpoints? stored,
        CancellationToken cancellationToken, IReadOnlyCollection<StudyCondition>? only = null);

    /// <summary>
    /// The study's statistics over the replicates' rounds: bands with their intervals, the claims, where raw and
    /// null-corrected measures disagree, and the warnings the study's data carries (a clipped latent kernel).
    /// </summary>
    StudySummary Summarize(StudySpec study, IReadOnlyList<StudyObservation> observations);
}

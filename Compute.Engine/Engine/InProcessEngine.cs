using LocalityLab.Compute.Data;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Statistics;
using LocalityLab.Compute.Studies;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Engine;

/// <summary>The engine in the lab's own process: libtorch on this machine's CPU (or GPU), behind <see cref="ILabEngine"/>.</summary>
internal sealed class InProcessEngine(
    TorchRuntime runtime, ExperimentAdmission admission, ExperimentRunner runner, StudyAdmission studyAdmission, StudyRunner studyRunner,
    DataSampler sampler) : ILabEngine
{
    public ComputeInfo Device => runtime.Info;

    public IReadOnlyList<ValidationError> Check(ExperimentSpec? spec) => admission.Check(spec);

    public ResourceEstimate Estimate(ExperimentSpec spec) => admission.Estimate(spec);

    // Images are read from the lab's image folder, as a run of the spec would read them. The tensor work below runs on
    // the caller's thread (a request's), set up as the runs' threads are (ComputeThreads), so a sample is the run's data.
    public DataPreview Preview(ExperimentSpec spec, int samplesPerClass, long seed, CancellationToken cancellationToken)
    {
        ComputeThreads.Prepare();
        return DataPreviewer.Preview(admission.Locate(spec).Data, samplesPerClass, seed, cancellationToken);
    }

    public DataSample Sample(ExperimentSpec spec, SampleSplit split, int count)
    {
        ComputeThreads.Prepare();
        return sampler.Sample(spec, split, count);
    }

    public IReadOnlyList<KernelClipping?> KernelClippings(DataSpec data)
    {
        ComputeThreads.Prepare();
        return LatentKernelCheck.Clippings(data);
    }

    public IAsyncEnumerable<RoundResult> RunAsync(ExperimentSpec spec, IProgress<TrainingProgress>? progress, RoundCheckpoint? resumeFrom,
        CancellationToken cancellationToken) => runner.RunAsync(spec, progress, cancellationToken, resumeFrom);

    public IReadOnlyList<ValidationError> CheckStudy(StudySpec? study) => studyAdmission.Check(study);

    public IReadOnlyList<PruningStrategyInfo> PruningStrategies => Pruning.PruningStrategies.All;

    public ResourceEstimate EstimateStudy(StudySpec study) => StudyAdmission.Estimate(study);

    public IAsyncEnumerable<StudyRound> RunStudyAsync(StudySpec study, IProgress<StudyProgress>? progress, IStudyCheckpoints? stored,
        CancellationToken cancellationToken, IReadOnlyCollection<StudyCondition>? only = null) => studyRunner.RunAsync(study, progress, cancellationToken, stored, only);


    public StudySummary Summarize(StudySpec study, IReadOnlyList<StudyObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(study);
        var data = study.Base.Data;
        var warnings = data.Source == DataSource.LocalImages ? [] : KernelClipping.Warnings(data, KernelClippings(data));
        return StudyStatistics.Summarize(observations, study.Base.Pruning.Rounds) with { Warnings = warnings };
    }
}

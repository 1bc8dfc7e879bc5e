using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Runs;

/// <summary>Lets a page hear a run's or a study's events (RunEvents.Listen) through delegates; each page marshals them onto its own renderer.</summary>
public sealed class RunListener(
    Func<TrainingProgress, Task>? progress = null,
    Func<RoundFrame, Task>? roundCompleted = null,
    Func<RunInfo, Task>? statusChanged = null,
    Func<string, Task>? failed = null,
    Func<StudyInfo, Task>? studyChanged = null,
    Func<StudyProgress, Task>? studyProgress = null) : IExperimentClient
{
    public Task Progress(Guid runId, TrainingProgress value) => progress?.Invoke(value) ?? Task.CompletedTask;

    public Task RoundCompleted(RoundFrame round) => roundCompleted?.Invoke(round) ?? Task.CompletedTask;

    public Task StatusChanged(RunInfo run) => statusChanged?.Invoke(run) ?? Task.CompletedTask;

    public Task Failed(Guid runId, string reason) => failed?.Invoke(reason) ?? Task.CompletedTask;

    public Task StudyChanged(StudyInfo study) => studyChanged?.Invoke(study) ?? Task.CompletedTask;

    public Task StudyProgress(Guid studyId, StudyProgress value) => studyProgress?.Invoke(value) ?? Task.CompletedTask;
}

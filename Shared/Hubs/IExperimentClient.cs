using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Hubs;

/// <summary>What the experiment hub (/hubs/experiments) sends to a run's or a study's subscribers.</summary>
public interface IExperimentClient
{
    /// <summary>At least once a second while the run trains.</summary>
    Task Progress(Guid runId, TrainingProgress progress);

    /// <summary>A round was stored; sent only after it is in the database.</summary>
    Task RoundCompleted(RoundFrame round);

    Task StatusChanged(RunInfo run);

    Task Failed(Guid runId, string reason);

    /// <summary>A study's status, progress counts or statistics changed (sent after its rounds are stored).</summary>
    Task StudyChanged(StudyInfo study);

    /// <summary>At least once a second while a study trains: which condition and replicates, and their round's progress.</summary>
    Task StudyProgress(Guid studyId, StudyProgress progress);
}

using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Shared.Hubs;

/// <summary>What the experiment hub (/hubs/experiments) sends to a run's subscribers.</summary>
public interface IExperimentClient
{
    /// <summary>At least once a second while the run trains.</summary>
    Task Progress(Guid runId, TrainingProgress progress);

    /// <summary>A round was stored; sent only after it is in the database.</summary>
    Task RoundCompleted(RoundFrame round);

    Task StatusChanged(RunInfo run);

    Task Failed(Guid runId, string reason);
}

using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Storage;

/// <summary>
/// What the queue reads and writes of a run or a study (<see cref="Runs.QueueStates"/>): its status, position, start and
/// end, and whether its workers have been told it is queued.
/// </summary>
public interface IQueuedRecord
{
    Guid Id { get; }

    RunStatus Status { get; set; }

    /// <summary>Why it ended Failed or Interrupted; null otherwise.</summary>
    string? Error { get; set; }

    /// <summary>Its place in the queue: the lowest queued one is taken first.</summary>
    long QueueOrder { get; set; }

    DateTimeOffset? StartedAt { get; set; }

    DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Set when a person queues it, cleared once it is dispatched; see <see cref="RunRecord.UndispatchedSince"/>.</summary>
    DateTimeOffset? UndispatchedSince { get; set; }
}

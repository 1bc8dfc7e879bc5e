using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Storage;

/// <summary>What the queue reads of a run or a study: its status and whether its workers have been told it is queued.</summary>
public interface IQueuedRecord
{
    Guid Id { get; }

    RunStatus Status { get; }

    /// <summary>Set when a person queues it, cleared once it is dispatched; see <see cref="RunRecord.UndispatchedSince"/>.</summary>
    DateTimeOffset? UndispatchedSince { get; set; }
}

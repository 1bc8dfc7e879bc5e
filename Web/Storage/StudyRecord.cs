using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Storage;

/// <summary>
/// A stored study: its spec, status and latest statistics. Its replicates are RunRecords pointing back to it
/// (<see cref="RunRecord.StudyId"/>), one per condition and replicate, whose rounds hold every measure and checkpoint.
/// </summary>
public sealed class StudyRecord : IQueuedRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Owner { get; set; }

    public RunStatus Status { get; set; }

    public required string SpecJson { get; set; }

    /// <summary>The study's identity (<see cref="Shared.Studies.StudySpec.Identity"/>).</summary>
    public required string Identity { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>First in, first out among studies: set when the study is queued (again).</summary>
    public long QueueOrder { get; set; }

    /// <summary>As <see cref="RunRecord.UndispatchedSince"/>: set when a person queues the study, cleared once its conditions' jobs are dispatched.</summary>
    public DateTimeOffset? UndispatchedSince { get; set; }

    public string? Error { get; set; }

    /// <summary>Replicate rounds stored so far.</summary>
    public int RoundsCompleted { get; set; }

    public int TotalRounds { get; set; }

    /// <summary>The <see cref="Shared.Studies.StudySummary"/> of the rounds stored so far, as JSON; null before the first.</summary>
    public string? SummaryJson { get; set; }
}

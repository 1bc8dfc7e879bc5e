using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Storage;

/// <summary>A stored run: its spec, status and the latest measures (the rounds are RoundRecords).</summary>
public sealed class RunRecord : IQueuedRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Owner { get; set; }

    public RunStatus Status { get; set; }

    public required string SpecJson { get; set; }

    /// <summary>SHA-256 of the canonical spec (name excluded, seed included).</summary>
    public required string SpecHash { get; set; }

    public required string DataSummary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The lab build (<see cref="Shared.Provenance.LabVersion"/>) that last started computing the run.</summary>
    public string? ComputedBy { get; set; }

    /// <summary>The worker that last started computing the run: its machine and device, e.g. "lab-gpu-2 (cuda)".</summary>
    public string? ComputedOn { get; set; }

    /// <summary>
    /// The current claim on the run (a worker's turn at it): a remote worker presents it with every round and report,
    /// and a newer claim (the lease passed to another worker) makes the older void. Null while no worker holds it.
    /// </summary>
    public Guid? Claim { get; set; }

    /// <summary>How many times a worker has taken the run: 1 for a run computed in one go, one more per hand-over or resume.</summary>
    public int Claims { get; set; }

    /// <summary>First in, first out: set when the run is queued (again).</summary>
    public long QueueOrder { get; set; }

    /// <summary>
    /// Set when a person queues the run (submitted or resumed), cleared once the workers have been told
    /// (<see cref="Runs.IRunDispatch"/>): a queued run still marked a lease later was stored by a web process that
    /// stopped before it dispatched it, and the lab's <see cref="Workers.UndispatchedSweeper"/> dispatches it.
    /// </summary>
    public DateTimeOffset? UndispatchedSince { get; set; }

    public string? Error { get; set; }

    public int RoundsCompleted { get; set; }

    public int TotalRounds { get; set; }

    public double? Sparsity { get; set; }

    public double? TestAccuracy { get; set; }

    /// <summary>The study this run is a replicate of, with its condition and replicate index; null for a run of its own.</summary>
    public Guid? StudyId { get; set; }

    public StudyCondition? StudyCondition { get; set; }

    public int? Replicate { get; set; }

    public List<RoundRecord> Rounds { get; set; } = [];
}

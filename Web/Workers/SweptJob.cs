namespace LocalityLab.Web.Workers;

/// <summary>What a sweep did with one failed job: requeued it, or (after its last requeue) failed its run or study for good.</summary>
public sealed record SweptJob(string JobId, Guid SubjectId, bool Requeued);

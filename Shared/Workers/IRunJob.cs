namespace LocalityLab.Shared.Workers;

/// <summary>
/// The job a lab with remote workers enqueues for each queued run (Compute:Workers = Remote): a worker process takes it
/// from the job store and computes the run through the lab's worker API. The job engine holds a taken job under the
/// worker's lease; should the worker die, another takes the same job and continues after the last stored round.
/// </summary>
public interface IRunJob
{
    /// <summary>Computes the run (claims it, trains and prunes after its last stored round, stores each round); returns when it has ended or was taken away.</summary>
    Task RunAsync(Guid runId, CancellationToken cancellationToken);
}

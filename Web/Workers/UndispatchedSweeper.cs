using LocalityLab.Shared.Compute;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Workers;

/// <summary>
/// No run or study is stranded by a web process that stopped between storing it as queued and putting its jobs in the
/// job store (Compute:Workers = Remote): every lease (Compute:WorkerLeaseSeconds) each web instance takes what has been
/// marked undispatched longer than a lease (<see cref="DispatchMarks"/>, one instance per mark) and dispatches it. In
/// process the run worker needs no sweep: it reads the queue from the store whenever it wakes, and at start.
/// </summary>
public sealed class UndispatchedSweeper(
    DispatchMarks marks, ExperimentService runs, StudyService studies, IOptions<ComputeOptions> options, ILogger<UndispatchedSweeper> logger)
    : BackgroundService
{
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.WorkerLeaseSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Lease);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping the undispatched runs and studies failed; trying again in {Seconds} s.", options.Value.WorkerLeaseSeconds);
            }
        }
    }

    /// <summary>One sweep: the runs and studies it dispatched.</summary>
    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        var dispatched = new List<Guid>();
        foreach (var runId in await marks.TakeOverdueAsync<RunRecord>(Lease, cancellationToken))
        {
            logger.LogWarning("Run {RunId} was queued but never dispatched (its web process stopped first); dispatching it now.", runId);
            await runs.DispatchAsync(runId);
            dispatched.Add(runId);
        }
        foreach (var studyId in await marks.TakeOverdueAsync<StudyRecord>(Lease, cancellationToken))
        {
            logger.LogWarning("Study {StudyId} was queued but never dispatched (its web process stopped first); dispatching it now.", studyId);
            await studies.DispatchAsync(studyId);
            dispatched.Add(studyId);
        }
        return dispatched;
    }
}

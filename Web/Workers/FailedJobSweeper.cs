using Hangfire;
using Hangfire.States;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Workers;

/// <summary>
/// No run is stranded by a job that failed (Compute:Workers = Remote). A worker's job fails, and the job engine never
/// retries it, when the worker cannot tell the lab how its turn ended: the lab was unreachable past the API client's
/// retries, or refused the worker's key. The run then stays Running (or Queued) with no job to compute it. Every lease
/// (Compute:WorkerLeaseSeconds) this sweeper looks at the failed jobs: one whose run or study has not ended goes back to
/// the queue, and a free worker continues it after its last stored round; after <see cref="MaxRequeues"/> times the run
/// or study becomes Failed, with the job's last error as its reason. Each web instance sweeps; the move from Failed to
/// Enqueued is conditional, so a job is requeued once whoever sees it first.
/// </summary>
public sealed class FailedJobSweeper(
    JobStorage storage, IBackgroundJobClient jobs, RunStore runs, StudyStore studies, ExperimentService experiments, RunEvents events,
    StudyService studyService, IOptions<ComputeOptions> options, ILogger<FailedJobSweeper> logger) : BackgroundService
{
    /// <summary>How many times one job is requeued before its run or study fails for good.</summary>
    public const int MaxRequeues = 3;

    /// <summary>The job parameter that counts the requeues.</summary>
    public const string RequeuesParameter = "LabRequeues";

    /// <summary>How many failed jobs one sweep reads (the oldest first; the rest wait for the next sweep).</summary>
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.WorkerLeaseSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping the failed jobs failed; trying again in {Seconds} s.", options.Value.WorkerLeaseSeconds);
            }
        }
    }

    /// <summary>One sweep: what became of each failed job whose run or study is still open (requeued, or failed for good).</summary>
    public async Task<IReadOnlyList<SweptJob>> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = new List<SweptJob>();
        var failed = storage.GetMonitoringApi().FailedJobs(0, Batch);
        using var connection = storage.GetConnection();
        foreach (var (jobId, job) in failed)
        {
            if (job?.Job is not { } invocation || await OpenSubjectAsync(invocation, cancellationToken) is not { } subject)
            {
                continue; // not ours, or its run or study has ended: nothing waits on it
            }
            int requeues = int.TryParse(connection.GetJobParameter(jobId, RequeuesParameter), out int n) ? n : 0;
            string reason = job.ExceptionMessage ?? "its job failed";
            if (requeues >= MaxRequeues)
            {
                await FailAsync(subject, $"Its job failed {requeues + 1} times, the last on {job.ExceptionType ?? "an error"}: {reason}", cancellationToken);
                jobs.Delete(jobId);
                swept.Add(new SweptJob(jobId, subject.Id, Requeued: false));
                continue;
            }
            connection.SetJobParameter(jobId, RequeuesParameter, (requeues + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (jobs.ChangeState(jobId, new EnqueuedState { Reason = $"Requeued by the lab ({requeues + 1} of {MaxRequeues}): {reason}" }, FailedState.StateName))
            {
                logger.LogWarning("{Kind} {Id}: its job {JobId} failed ({Reason}) with the {Subject} still open; queued again ({Count} of {Max}).",
                    subject.Kind, subject.Id, jobId, reason, subject.Kind.ToLowerInvariant(), requeues + 1, MaxRequeues);
                swept.Add(new SweptJob(jobId, subject.Id, Requeued: true));
            }
        }
        return swept;
    }

    private async Task<Subject?> OpenSubjectAsync(Hangfire.Common.Job invocation, CancellationToken cancellationToken)
    {
        if (invocation.Type == typeof(IRunJob) && invocation.Args.Count > 0 && invocation.Args[0] is Guid runId)
        {
            return await runs.FindAsync(runId, cancellationToken) is { Status: RunStatus.Queued or RunStatus.Running } ? new Subject("Run", runId) : null;
        }
        if (invocation.Type == typeof(IStudyJob) && invocation.Args.Count > 0 && invocation.Args[0] is Guid studyId)
        {
            return await studies.FindAsync(studyId, cancellationToken) is { Status: RunStatus.Queued or RunStatus.Running } ? new Subject("Study", studyId) : null;
        }
        return null;
    }

    private async Task FailAsync(Subject subject, string reason, CancellationToken cancellationToken)
    {
        logger.LogError("{Kind} {Id} failed for good: {Reason}", subject.Kind, subject.Id, reason);
        if (subject.Kind == "Run")
        {
            if (await runs.TransitionAsync(subject.Id, [RunStatus.Queued, RunStatus.Running], RunStatus.Failed, reason, cancellationToken))
            {
                await experiments.AnnounceStatusAsync(subject.Id, cancellationToken);
                await events.FailedAsync(subject.Id, reason);
            }
        }
        else if (await studies.TransitionAsync(subject.Id, [RunStatus.Queued, RunStatus.Running], RunStatus.Failed, reason, cancellationToken))
        {
            await studyService.AnnounceAsync(subject.Id, cancellationToken);
        }
    }

    private sealed record Subject(string Kind, Guid Id);
}

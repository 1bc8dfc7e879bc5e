using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Tests.Workers;

/// <summary>
/// A run whose job failed while it was still open (a worker that could not reach the lab, or was refused) is never
/// stranded (issue 22): the sweeper queues the job again, and after its last requeue fails the run with the job's error.
/// </summary>
public sealed class FailedJobSweeperTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private readonly InMemoryStorage _jobStore = new();
    private BackgroundJobClient _jobs = null!;
    private FailedJobSweeper _sweeper = null!;

    public Task InitializeAsync()
    {
        _lab.StartServer();
        // No filters: the lab's job store never retries a failed job itself (AutomaticRetry with no attempts).
        _jobs = new BackgroundJobClient(_jobStore, new JobFilterCollection());
        _sweeper = new FailedJobSweeper(_jobStore, _jobs, _lab.Service<RunStore>(), _lab.Service<StudyStore>(), _lab.Service<ExperimentService>(),
            _lab.Service<RunEvents>(), _lab.Service<StudyService>(), Options.Create(new ComputeOptions()), NullLogger<FailedJobSweeper>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _jobStore.Dispose();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_job_of_a_running_run_is_queued_again_and_after_the_last_requeue_the_run_fails_saying_why()
    {
        var runId = await RunAsync(RunStatus.Running);
        string jobId = _jobs.Create(Job.FromExpression<IRunJob>(job => job.RunAsync(runId, CancellationToken.None)), Failed("Connection refused (lab:443)"));

        for (int requeue = 1; requeue <= FailedJobSweeper.MaxRequeues; requeue++)
        {
            var swept = Assert.Single(await _sweeper.SweepAsync(CancellationToken.None));
            Assert.Equal((jobId, runId, true), (swept.JobId, swept.SubjectId, swept.Requeued));
            Assert.Equal(EnqueuedState.StateName, State(jobId));
            Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None)); // queued: nothing to sweep
            Assert.True(_jobs.ChangeState(jobId, Failed("Connection refused (lab:443)"), EnqueuedState.StateName)); // a worker fails it again
        }
        var last = Assert.Single(await _sweeper.SweepAsync(CancellationToken.None));

        Assert.False(last.Requeued);
        var run = await _lab.Service<RunStore>().FindAsync(runId, CancellationToken.None);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains($"Its job failed {FailedJobSweeper.MaxRequeues + 1} times", run.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused (lab:443)", run.Error, StringComparison.Ordinal);
        Assert.Equal(DeletedState.StateName, State(jobId));
    }

    [Theory]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Cancelled)]
    public async Task A_failed_job_of_a_run_that_has_ended_is_left_alone(RunStatus status)
    {
        var runId = await RunAsync(status);
        string jobId = _jobs.Create(Job.FromExpression<IRunJob>(job => job.RunAsync(runId, CancellationToken.None)), Failed("boom"));

        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(FailedState.StateName, State(jobId));
        Assert.Equal(status, (await _lab.Service<RunStore>().FindAsync(runId, CancellationToken.None))!.Status);
    }

    private async Task<Guid> RunAsync(RunStatus status)
    {
        var store = _lab.Service<RunStore>();
        var run = await store.CreateAsync(LabFactory.Spec(seed: 11), "ada", CancellationToken.None);
        Assert.True(await store.TransitionAsync(run.Id, [RunStatus.Queued], status == RunStatus.Cancelled ? RunStatus.Cancelled : RunStatus.Running, null,
            CancellationToken.None));
        if (status == RunStatus.Completed)
        {
            Assert.True(await store.TransitionAsync(run.Id, [RunStatus.Running], RunStatus.Completed, null, CancellationToken.None));
        }
        return run.Id;
    }

    private static FailedState Failed(string message) => new(new HttpRequestException(message));

    private string? State(string jobId)
    {
        using var connection = _jobStore.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}

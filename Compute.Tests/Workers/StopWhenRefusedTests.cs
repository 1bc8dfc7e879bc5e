using System.Net;
using Hangfire.Server;
using LocalityLab.Compute.Workers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalityLab.Compute.Tests.Workers;

public sealed class StopWhenRefusedTests
{
    [Fact]
    public void A_job_that_ended_on_the_lab_s_refusal_stops_the_worker()
    {
        var lifetime = new RecordingLifetime();
        var filter = new StopWhenRefused(lifetime, NullLogger<StopWhenRefused>.Instance);
        // As the job engine reports a job's failure: its exception wrapped.
        var refused = new JobPerformanceException("The job failed.",
            new LabRefusedWorkerException(new Uri("https://lab.example.org"), HttpStatusCode.Unauthorized));

        Assert.True(filter.Observe(refused));
        Assert.Equal(1, lifetime.Stops);
    }

    [Fact]
    public void Any_other_failure_or_success_leaves_the_worker_running()
    {
        var lifetime = new RecordingLifetime();
        var filter = new StopWhenRefused(lifetime, NullLogger<StopWhenRefused>.Instance);

        Assert.False(filter.Observe(null));
        Assert.False(filter.Observe(new JobPerformanceException("The job failed.", new HttpRequestException("Connection refused"))));
        Assert.False(filter.Observe(new InvalidDataException("The lab answered the claim with no assignment.")));
        Assert.Equal(0, lifetime.Stops);
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        public int Stops { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stops++;
    }
}

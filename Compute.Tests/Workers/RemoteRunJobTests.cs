using System.Net;
using System.Net.Http.Json;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Compute.Workers;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Tests.Workers;

/// <summary>
/// A worker that loses the lab mid-run (issue 22) does not end the run as Failed: the lab is not the run's fault and
/// may come back between the lost round and the end. The job fails, so the lab's sweeper queues it again.
/// </summary>
public sealed class RemoteRunJobTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_round_the_lab_cannot_take_fails_the_job_and_never_ends_the_run_as_failed(bool refused)
    {
        var lab = new LabAnswering(round: refused
            ? () => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            : () => throw new HttpRequestException("Connection refused (lab.example.org:443)"));
        var job = Job(lab);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.IsType(refused ? typeof(LabRefusedWorkerException) : typeof(HttpRequestException), thrown);
        Assert.Contains(lab.Calls, c => c.EndsWith("/rounds/0", StringComparison.Ordinal)); // it got as far as storing round 0
        Assert.DoesNotContain(lab.Calls, c => c.EndsWith("/end", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_whose_every_round_the_lab_takes_ends_completed()
    {
        var lab = new LabAnswering(round: () => new HttpResponseMessage(HttpStatusCode.OK));

        await Job(lab).RunAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(TestRunner.Small().RoundCount, lab.Calls.Count(c => c.Contains("/rounds/", StringComparison.Ordinal)));
        Assert.Equal("Completed", Assert.Single(lab.Ends));
    }

    private static RemoteRunJob Job(LabAnswering lab)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Compute:Device"] = "cpu" }).Build();
        var services = new ServiceCollection().AddLocalityLabCompute(configuration).BuildServiceProvider();
        var http = new HttpClient(lab) { BaseAddress = new Uri("https://lab.example.org") };
        return new RemoteRunJob(services.GetRequiredService<ILabEngine>(), new LabWorkerApi(http), Options.Create(new ComputeOptions { WorkerName = "test" }),
            NullLogger<RemoteRunJob>.Instance);
    }

    /// <summary>The lab's worker API: assigns a small run, takes progress, answers rounds as told, records the end.</summary>
    private sealed class LabAnswering(Func<HttpResponseMessage> round) : HttpMessageHandler
    {
        public List<string> Calls { get; } = [];

        public List<string> Ends { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            lock (Calls)
            {
                Calls.Add(path);
            }
            if (path.EndsWith("/claim", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(RunAssignment.From(Guid.NewGuid(), TestRunner.Small(), null)) };
            }
            if (path.Contains("/rounds/", StringComparison.Ordinal))
            {
                return round();
            }
            if (path.EndsWith("/end", StringComparison.Ordinal))
            {
                string body = await request.Content!.ReadAsStringAsync(cancellationToken);
                Ends.Add(body.Contains("\"completed\"", StringComparison.OrdinalIgnoreCase) ? "Completed" : body);
            }
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}

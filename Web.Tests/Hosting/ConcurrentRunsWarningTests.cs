using LocalityLab.Web.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Web.Tests.Hosting;

/// <summary>Start-up warns when concurrent runs' libtorch threads would outnumber the cores, and only then.</summary>
public sealed class ConcurrentRunsWarningTests
{
    // Compute:Threads stays at its default (half the cores): setting it would change libtorch's process-wide
    // thread count under the other tests. Two runs of two streams of that many threads outnumber the cores; one never does.
    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Start_up_warns_when_runs_times_threads_exceed_the_cores(int concurrentRuns, bool warns)
    {
        var log = new CapturedLog();
        using var lab = new LabFactory(new Dictionary<string, string?> { ["Compute:MaxConcurrentRuns"] = $"{concurrentRuns}" });
        using var host = lab.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        using var client = host.CreateClient(); // starts the host, and with it the run worker

        var warnings = log.Entries
            .Where(e => e.Level == LogLevel.Warning && e.Text.Contains("Compute:MaxConcurrentRuns", StringComparison.Ordinal))
            .Select(e => e.Text)
            .ToList();

        if (warns)
        {
            var warning = Assert.Single(warnings);
            Assert.Contains($"{concurrentRuns} runs x", warning, StringComparison.Ordinal);
            Assert.Contains($"{Environment.ProcessorCount} cores", warning, StringComparison.Ordinal);
            Assert.Contains("Set Compute:Threads to", warning, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(warnings);
        }
    }
}

using LocalityLab.Web.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Web.Tests.Hosting;

/// <summary>A first start on a fresh SQLite file says nothing alarming (issue 22): the setup link is its one warning.</summary>
public sealed class FirstStartLogTests
{
    [Fact]
    public void A_first_start_on_sqlite_warns_only_with_the_setup_link()
    {
        var log = new CapturedLog();
        using var lab = new LabFactory();
        using var host = lab.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        using var client = host.CreateClient(); // starts the host: migrations, accounts, the run worker

        var alarming = log.Entries
            .Where(e => e.Level >= LogLevel.Warning)
            .Select(e => $"{e.Level}: {e.Text}")
            .Where(e => !e.Contains("Create the first admin", StringComparison.Ordinal)
                // The test host keeps its Data Protection keys unencrypted in memory; a deployment configures its key ring.
                && !e.Contains("No XML encryptor configured", StringComparison.Ordinal))
            .ToList();

        Assert.True(alarming.Count == 0, string.Join("\n", alarming));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("Create the first admin", StringComparison.Ordinal));
    }
}

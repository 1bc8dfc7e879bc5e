using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Web.Tests.Hosting;

/// <summary>
/// A first start says nothing alarming (issue 22): on a fresh SQLite file, and on a PostgreSQL server with no lab
/// database yet and remote workers (the job store's schema created too), the setup link is its one warning.
/// </summary>
public sealed class FirstStartLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public void A_first_start_on_sqlite_warns_only_with_the_setup_link() => AssertWarnsOnlyWithTheSetupLink(new LabFactory());

    [Fact]
    public void A_first_start_on_postgresql_with_remote_workers_warns_only_with_the_setup_link() =>
        AssertWarnsOnlyWithTheSetupLink(new LabFactory(postgres.ConnectionString, new Dictionary<string, string?>
        {
            ["Compute:Workers"] = "Remote",
            ["Compute:WorkerKey"] = "first-start-test-worker-key-0123456789abcdef",
        }));

    /// <summary>Two web instances (and so two job-store clients) starting at the same moment on a fresh database: neither logs an error.</summary>
    [Fact]
    public async Task Two_web_instances_starting_at_once_on_a_fresh_postgresql_database_log_no_error()
    {
        var fresh = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "localitylab_first_start_twice" }.ConnectionString;
        var settings = new Dictionary<string, string?> { ["Compute:Workers"] = "Remote", ["Compute:WorkerKey"] = "first-start-test-worker-key-0123456789abcdef" };
        var logs = new[] { new CapturedLog(), new CapturedLog() };
        var labs = logs.Select(log => new LabFactory(fresh, settings).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)))).ToList();
        using var start = new Barrier(labs.Count);

        var clients = await Task.WhenAll(labs.Select(lab => Task.Run(() =>
        {
            start.SignalAndWait();
            return lab.CreateClient(); // starts the host: database, migrations, job store, accounts
        })));

        var errors = logs.SelectMany(l => l.Entries).Where(e => e.Level >= LogLevel.Error).Select(e => e.Text).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await using (var connection = new Npgsql.NpgsqlConnection(fresh))
        {
            await connection.OpenAsync();
            await using var jobTable = new Npgsql.NpgsqlCommand($"SELECT to_regclass('{Shared.Workers.JobStoreSchema.Name}.job')::text", connection);
            Assert.Equal($"{Shared.Workers.JobStoreSchema.Name}.job", await jobTable.ExecuteScalarAsync()); // the job store, made at start, before any worker
        }
        foreach (var (client, lab) in clients.Zip(labs))
        {
            client.Dispose();
            await lab.DisposeAsync();
        }
        // A stopped lab leaves no disposed logger factory in Hangfire's process-wide log provider (ProcessWideJobLogRelease):
        // a job store made afterwards in this process asks it for a logger as it is constructed.
        using var later = new Hangfire.InMemory.InMemoryStorage();
    }

    private static void AssertWarnsOnlyWithTheSetupLink(LabFactory factory)
    {
        var log = new CapturedLog();
        using var lab = factory;
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

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Tests.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Cluster;

/// <summary>
/// The lab scaled out on loopback, as docs/DEPLOY.md sets it up: a private PostgreSQL (store and job store) and Redis
/// (SignalR backplane), two web instances (A, B) and two worker processes, each with one libtorch thread: worker-a
/// reports to web A and worker-b to web B, as workers behind a proxy would reach either.
/// </summary>
public sealed class LabCluster : IAsyncLifetime
{
    public const string WorkerKey = "cluster-test-worker-key-0123456789abcdef";
    public const int LeaseSeconds = 8;

    /// <summary>Submissions a member may make a minute, in the whole lab (the allowance test's member uses it up).</summary>
    public const int SubmissionsPerMinute = 40;

    /// <summary>The member whose allowance the rate test uses up; the other tests submit as ada.</summary>
    public const string RateLimitedMember = "rita";

    private readonly PostgresServer _postgres = new();
    private readonly RedisServer _redis = new();
    private readonly List<LabProcess> _processes = [];

    public Uri WebA { get; private set; } = null!;

    public Uri WebB { get; private set; } = null!;

    /// <summary>The running workers by name ("worker-a", "worker-b").</summary>
    public Dictionary<string, LabProcess> Workers { get; } = [];

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await _redis.StartAsync();
        // The member, through the lab's own member directory, in a lab host on the same database (it migrates it first).
        await using (var lab = new LabFactory(_postgres.ConnectionString, Settings().ToDictionary(s => s.Key, s => (string?)s.Value)))
        {
            await lab.EnsureUserAsync("ada");
            await lab.EnsureUserAsync(RateLimitedMember);
        }
        WebA = new Uri($"http://127.0.0.1:{FreePort()}");
        WebB = new Uri($"http://127.0.0.1:{FreePort()}");
        var webs = new[] { StartWeb("web-a", WebA), StartWeb("web-b", WebB) };
        await Task.WhenAll(webs.Select(w => w.WaitForLineAsync("LocalityLab is running at")));
        await Task.WhenAll(StartWorkerAsync("worker-a", WebA), StartWorkerAsync("worker-b", WebB));
    }

    /// <summary>Starts another web instance on the cluster's store and backplane, and waits until it is running.</summary>
    public async Task<(Uri Url, LabProcess Process)> StartWebAsync(string name)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var web = StartWeb(name, url);
        await web.WaitForLineAsync("LocalityLab is running at");
        return (url, web);
    }

    /// <summary>Starts a worker process reporting to <paramref name="lab"/> and waits for its start-up line.</summary>
    public async Task<LabProcess> StartWorkerAsync(string name, Uri lab)
    {
        var worker = LaunchWorker(name, lab, WorkerKey);
        await worker.WaitForLineAsync("LocalityLab worker ready");
        Workers[name] = worker;
        return worker;
    }

    /// <summary>Starts a worker process with the given key, and returns at once (it may refuse to start).</summary>
    public LabProcess LaunchWorker(string name, Uri lab, string key)
    {
        var settings = Settings();
        settings["Compute:LabUrl"] = lab.ToString();
        settings["Compute:WorkerKey"] = key;
        settings["Compute:WorkerName"] = name;
        settings["Compute:Threads"] = "1";
        settings["Compute:MaxConcurrentRuns"] = "1";
        return Track(LabProcess.Start(name, "LocalityLab.Compute.dll", "worker", settings));
    }

    /// <summary>An HTTP client of web instance <paramref name="web"/>, signed in (as ada unless said) through the sign-in API.</summary>
    public static async Task<HttpClient> ClientAsync(Uri web, string userName = "ada")
    {
        var client = new HttpClient { BaseAddress = web };
        var response = await client.PostAsJsonAsync("/api/account/login", new LoginRequest(userName, LabFactory.Password));
        Assert.True(response.IsSuccessStatusCode, $"signing in at {web} answered {(int)response.StatusCode}");
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("LocalityLab.Session=", StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A hub connection to web instance <paramref name="web"/> as the signed-in client.</summary>
    public static HubConnection Hub(Uri web, HttpClient signedIn) => new HubConnectionBuilder()
        .WithUrl(new Uri(web, ExperimentHubRoutes.Path.TrimStart('/')), options =>
            options.Headers["Cookie"] = string.Join("; ", signedIn.DefaultRequestHeaders.GetValues("Cookie")))
        .AddMessagePackProtocol()
        .Build();

    /// <summary>How many times a worker took the run (the store's count of claims).</summary>
    public async Task<int> ClaimsAsync(Guid runId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT \"Claims\" FROM runs WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", runId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Stores a queued run as a web instance does before it tells the workers, and tells no one: a web process that
    /// stopped between the two (the store is the cluster's PostgreSQL; nothing else of a lab runs here).
    /// </summary>
    public async Task<Guid> StoreWithoutDispatchAsync(ExperimentSpec spec, string owner = "ada")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLabStorage(configuration).BuildServiceProvider();
        var run = await services.GetRequiredService<RunStore>().CreateAsync(spec, owner, CancellationToken.None);
        return run.Id;
    }

    /// <summary>The job store's jobs, one line each (id, state, arguments): what a failing cluster test says beside the logs.</summary>
    public async Task<string> JobsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT j.id, j.statename, j.arguments, coalesce(q.queue || ', fetched at ' || coalesce(q.fetchedat::text, 'never'), 'not in a queue') "
            + $"FROM {Shared.Workers.JobStoreSchema.Name}.job j LEFT JOIN {Shared.Workers.JobStoreSchema.Name}.jobqueue q ON q.jobid = j.id ORDER BY j.id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add($"job {reader.GetInt64(0)}: {(reader.IsDBNull(1) ? "(no state)" : reader.GetString(1))} {reader.GetString(2)} ({reader.GetString(3)}; now {DateTime.UtcNow:O})");
        }
        return string.Join("\n", lines);
    }

    /// <summary>Waits until some job in the job store is in the state (the store is written by other processes: polled).</summary>
    public async Task WaitForJobStateAsync(string state)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await JobsAsync()).Split('\n').Any(job => job.Contains($": {state} ", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No job became {state}.\n{await JobsAsync()}\n\n{Logs()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>What every process says when something fails: each one's output.</summary>
    public string Logs() => string.Join("\n\n", _processes.Select(p => $"== {p.Name}\n{p.Output}"));

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    // Each instance with a home of its own, as on its own machine: nothing on disk (Data Protection's default key
    // folder, say) is shared between them; only PostgreSQL and Redis are.
    private LabProcess StartWeb(string name, Uri url)
    {
        var settings = Settings();
        settings["HOME"] = Directory.CreateTempSubdirectory($"localitylab-{name}-").FullName;
        return Track(LabProcess.Start(name, "LocalityLab.Web.dll", $"--urls {url}", settings));
    }

    private LabProcess Track(LabProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Storage:ConnectionString"] = _postgres.ConnectionString,
        ["Compute:Workers"] = "Remote",
        ["Compute:WorkerKey"] = WorkerKey,
        ["Compute:WorkerLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Compute:Device"] = "cpu",
        ["Redis:Configuration"] = _redis.Configuration,
        ["Security:LoginAttemptsPerMinute"] = "10000",
        ["Security:SubmissionsPerMinute"] = SubmissionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:MaxQueuedRunsPerUser"] = "1000",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

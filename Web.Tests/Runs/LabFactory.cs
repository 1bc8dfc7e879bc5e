using System.Net.Http.Json;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Sharing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>The whole lab in a test host, on its own database (a fresh SQLite file unless a connection string is given).</summary>
public sealed class LabFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Every test account's password (at least 10 characters, as the lab requires).</summary>
    public const string Password = "correct-horse-battery";

    public static string NewSqliteFile() => $"Data Source={Path.Combine(Path.GetTempPath(), $"localitylab-test-{Guid.NewGuid():N}.db")}";

    public LabFactory() : this(NewSqliteFile())
    {
    }

    public LabFactory(IReadOnlyDictionary<string, string?> settings) : this(NewSqliteFile(), settings)
    {
    }

    public string ConnectionString { get; } = connectionString;

    /// <summary>Services a test adds after the lab's own (a hosted service added here starts last and stops first).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", ConnectionString);
        builder.UseSetting("Compute:Device", "cpu");
        // Tests sign in and submit far faster than people do; the rate-limit tests set their own limits.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Security:SubmissionsPerMinute", "100000");
        builder.UseSetting("Security:MaxQueuedRunsPerUser", "1000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices((context, services) =>
        {
            if (string.Equals(context.Configuration["Compute:Workers"], "Remote", StringComparison.OrdinalIgnoreCase))
            {
                services.AddHostedService<ProcessWideJobLogRelease>();
            }
        });
        if (TestServices is { } add)
        {
            builder.ConfigureTestServices(add);
        }
    }

    /// <summary>Creates the account if it is missing (role Member unless told), through the lab's own member directory.</summary>
    public async Task EnsureUserAsync(string userName, string role = LabRoles.Member)
    {
        StartServer(); // the host must have started: it migrates and creates the roles (idempotent)
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<LabUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            var errors = await scope.ServiceProvider.GetRequiredService<MemberDirectory>().CreateAsync(userName, Password, role);
            Assert.Empty(errors);
        }
    }

    /// <summary>An HTTP client signed in (through the sign-in API) as the user, created if missing; "admin" is an Admin.</summary>
    public async Task<HttpClient> ClientAsync(string userName = "ada", string? role = null)
    {
        await EnsureUserAsync(userName, role ?? (userName == "admin" ? LabRoles.Admin : LabRoles.Member));
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/account/login", new LoginRequest(userName, Password));
        Assert.True(response.IsSuccessStatusCode, $"signing in as {userName} answered {(int)response.StatusCode}");
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("LocalityLab.Session=", StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>An HTTP client that presents a share link's token and nothing else.</summary>
    public HttpClient ShareClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ShareLinkAuthenticationHandler.Header, token);
        return client;
    }

    /// <summary>
    /// A SignalR client on the MessagePack protocol, through the test server, carrying the credentials (session
    /// cookie or share token) of <paramref name="as"/>, a client from <see cref="ClientAsync"/> or <see cref="ShareClient"/>.
    /// </summary>
    public HubConnection Hub(HttpClient? @as = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, ExperimentHubRoutes.Path.TrimStart('/')), options =>
        {
            options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            foreach (var header in @as?.DefaultRequestHeaders.Where(h => h.Key is "Cookie" or ShareLinkAuthenticationHandler.Header) ?? [])
            {
                options.Headers[header.Key] = string.Join("; ", header.Value);
            }
        })
        .AddMessagePackProtocol()
        .Build();

    /// <summary>6 x 6 torus, K = 6: a round takes tens of milliseconds. More epochs make it last.</summary>
    public static ExperimentSpec Spec(int epochs = 2, int rounds = 3, long seed = 5) => new()
    {
        Name = "test",
        Seed = seed,
        Data = new DataSpec { Size = 6, CorrelationLengths = [0.8, 2], Gain = 3, TrainingSamples = 400, TestSamples = 300 },
        Model = new ModelSpec { HiddenUnits = 6 },
        Training = new TrainingSpec { BatchSize = 32, Epochs = epochs },
        Pruning = new PruningSpec { Rounds = rounds, FractionPerRound = 0.3, Rewind = RewindKind.Step, RewindStep = 5 },
    };

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}

using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>The whole lab in a test host, on its own database (a fresh SQLite file unless a connection string is given).</summary>
public sealed class LabFactory(string connectionString) : WebApplicationFactory<Program>
{
    public static string NewSqliteFile() => $"Data Source={Path.Combine(Path.GetTempPath(), $"localitylab-test-{Guid.NewGuid():N}.db")}";

    public LabFactory() : this(NewSqliteFile())
    {
    }

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", ConnectionString);
        builder.UseSetting("Compute:Device", "cpu");
    }

    /// <summary>A SignalR client on the MessagePack protocol, through the test server.</summary>
    public HubConnection Hub() => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, ExperimentHubRoutes.Path.TrimStart('/')), options =>
        {
            options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
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

using Bunit;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Families;
using LocalityLab.Web.Hubs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Security;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LocalityLab.Web.Tests.Components;

/// <summary>
/// A bUnit context with the lab's real run services on a fresh SQLite file and no worker: tests store runs and rounds
/// themselves and announce events through the real RunEvents (its SignalR side goes to a hub context that drops them).
/// </summary>
public sealed class PageLab : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"localitylab-pages-{Guid.NewGuid():N}.db");

    public BunitContext Context { get; } = new();

    public RunStore Store => Context.Services.GetRequiredService<RunStore>();

    public FamilyStore Families => Context.Services.GetRequiredService<FamilyStore>();

    public RunEvents Events => Context.Services.GetRequiredService<RunEvents>();

    public StudyStore Studies => Context.Services.GetRequiredService<StudyStore>();

    /// <summary>Who the pages see as signed in: by default the member "lab", who owns the runs these tests store.</summary>
    public Bunit.TestDoubles.BunitAuthorizationContext Auth { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = Context.AddAuthorization();
        Auth.SetAuthorized("lab");
        Auth.SetRoles(LabRoles.Member);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={_file}", ["Compute:Device"] = "cpu" })
            .Build();
        var services = Context.Services;
        services.AddMudServices();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddLabStorage(configuration);
        services.AddSingleton<ICudaProbe, NoCuda>();
        services.AddLocalityLabCompute(configuration); // the engine as the lab wires it (the probe above stands)
        services.AddSingleton<RunQueue>();
        services.AddSingleton<IRunDispatch>(provider => provider.GetRequiredService<RunQueue>());
        services.AddSingleton<IHubContext<ExperimentHub, IExperimentClient>, SilentHub>();
        services.AddSingleton<ShareLinkStore>();
        services.AddSingleton<ShareService>();
        services.AddOptions<SecurityOptions>();
        services.AddSingleton<StudyQueue>();
        services.AddSingleton<IStudyDispatch>(provider => provider.GetRequiredService<StudyQueue>());
        services.AddLabFeatures();
        await Store.MigrateAsync(CancellationToken.None);
    }

    private sealed class NoCuda : ICudaProbe
    {
        public int DeviceCount => 0;
    }

    public async Task DisposeAsync()
    {
        // MudBlazor registers a service that is only IAsyncDisposable.
        await Context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    public static ExperimentSpec Spec(string name, int rounds = 3, long seed = 1) => new()
    {
        Name = name,
        Seed = seed,
        Data = new DataSpec { Size = 3, CorrelationLengths = [0.8, 2], Gain = 3, TrainingSamples = 100, TestSamples = 100 },
        Model = new ModelSpec { HiddenUnits = 4 },
        Pruning = new PruningSpec { Rounds = rounds, FractionPerRound = 0.2 },
    };

    public async Task<Guid> RunAsync(string name, RunStatus status = RunStatus.Queued, int rounds = 3, long seed = 1)
    {
        var run = await Store.CreateAsync(Spec(name, rounds, seed), "lab", CancellationToken.None);
        if (status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled)
        {
            await Store.TransitionAsync(run.Id, [RunStatus.Queued], RunStatus.Running, null, CancellationToken.None);
        }
        if (status != RunStatus.Queued)
        {
            await Store.TransitionAsync(run.Id, [RunStatus.Queued, RunStatus.Running], status, null, CancellationToken.None);
        }
        return run.Id;
    }

    /// <summary>A 4-unit round on a 3 x 3 torus whose unit k has IPR Iprs[k] (dead when null) and median IPR <paramref name="medianIpr"/>.</summary>
    public static RoundResult Round(int round, double?[]? iprs = null, double medianIpr = 0.2)
    {
        iprs ??= [0.1, 0.4, 0.2, 0.3];
        var units = iprs.Length;
        var shape = InputShape.Square(3);
        var weights = Enumerable.Range(0, units * shape.Inputs).Select(i => (float)Math.Sin(i + round)).ToArray();
        var d = new Distribution(units, medianIpr, medianIpr / 2, medianIpr, medianIpr * 2, 0, 1);
        return new RoundResult
        {
            Round = round,
            Sparsity = 1 - Math.Pow(0.8, round),
            Layers = [],
            Steps = 100,
            TrainLoss = 0.5,
            TestAccuracy = 0.6 + 0.05 * round,
            TestLoss = 0.6,
            Units = units,
            DeadUnits = iprs.Count(i => i is null),
            Ipr = d,
            Spread = d,
            ExcessKurtosis = d,
            ExcessKurtosisByClass = [d, d],
            Cavity = new CavitySummary(new CavityGroup(3, 0.1, 0.1, 0.2, 0.2, 0.6, 0.1), new CavityGroup(30, 0, 0, 0.05, 0.05, 0.5, 0)),
            UnitMeasures = [.. iprs.Select((ipr, k) => new UnitMeasures(k, ipr is null ? 0 : 9, ipr is null, ipr, ipr is null ? null : 0.5, ipr is null ? null : -0.5,
                [-0.4, -0.6], ipr is null ? [] : new int[UnitMeasures.Bins]))],
            Seconds = 1,
            Arrays = new RoundArrays(units, shape, weights, [.. weights.Select(_ => (byte)1)], new byte[weights.Length],
                new float[weights.Length], new float[weights.Length]),
        };
    }

    private sealed class SilentHub : IHubContext<ExperimentHub, IExperimentClient>
    {
        public IHubClients<IExperimentClient> Clients { get; } = new SilentClients();

        public IGroupManager Groups => throw new NotSupportedException();
    }

    private sealed class SilentClients : IHubClients<IExperimentClient>
    {
        private static readonly IExperimentClient Nobody = new LocalityLab.Web.Runs.RunListener();

        public IExperimentClient All => Nobody;

        public IExperimentClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => Nobody;

        public IExperimentClient Client(string connectionId) => Nobody;

        public IExperimentClient Clients(IReadOnlyList<string> connectionIds) => Nobody;

        public IExperimentClient Group(string groupName) => Nobody;

        public IExperimentClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Nobody;

        public IExperimentClient Groups(IReadOnlyList<string> groupNames) => Nobody;

        public IExperimentClient User(string userId) => Nobody;

        public IExperimentClient Users(IReadOnlyList<string> userIds) => Nobody;
    }
}

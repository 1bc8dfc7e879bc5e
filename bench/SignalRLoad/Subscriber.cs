using System.Collections.Concurrent;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>One hub connection (WebSockets, MessagePack) subscribed to the run: when each round arrived, and what else came.</summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<int, double> _receipts = new();
    private int _duplicates;
    private int _progressMessages;

    private Subscriber(HubConnection connection)
    {
        _connection = connection;
        // The receipt time is taken first thing in the handler, before anything else looks at the frame.
        _connection.On<RoundFrame>(nameof(IExperimentClient.RoundCompleted), frame =>
        {
            double now = MonotonicClock.NowMilliseconds;
            if (!_receipts.TryAdd(frame.Summary.Round, now))
            {
                Interlocked.Increment(ref _duplicates);
            }
            LastFrame = frame;
        });
        _connection.On<Guid, TrainingProgress>(nameof(IExperimentClient.Progress), (_, _) => Interlocked.Increment(ref _progressMessages));
        _connection.On<RunInfo>(nameof(IExperimentClient.StatusChanged), info => LastStatus = info.Status);
        _connection.On<Guid, string>(nameof(IExperimentClient.Failed), (_, reason) => FailedReason = reason);
    }

    /// <summary>Round index to the time it arrived live (MonotonicClock ms).</summary>
    public IReadOnlyDictionary<int, double> Receipts => _receipts;

    /// <summary>Rounds the Subscribe snapshot already held (stored before this subscriber joined).</summary>
    public IReadOnlySet<int> SnapshotRounds { get; private set; } = new HashSet<int>();

    public int Duplicates => _duplicates;

    public int ProgressMessages => _progressMessages;

    public RoundFrame? LastFrame { get; private set; }

    public RunStatus? LastStatus { get; private set; }

    public string? FailedReason { get; private set; }

    public static async Task<Subscriber> ConnectAsync(Uri server, System.Net.CookieContainer session, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, ExperimentHubRoutes.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = session; // the lab member's session cookie
            })
            .AddMessagePackProtocol()
            .Build();
        var subscriber = new Subscriber(connection);
        await connection.StartAsync(cancellationToken);
        return subscriber;
    }

    public async Task SubscribeAsync(Guid runId, CancellationToken cancellationToken)
    {
        var snapshot = await _connection.InvokeAsync<RunSnapshot>(ExperimentHubRoutes.Subscribe, runId, cancellationToken);
        SnapshotRounds = snapshot.Rounds.Select(r => r.Summary.Round).ToHashSet();
    }

    /// <summary>Rounds this subscriber has, live or from its snapshot.</summary>
    public int RoundsHeld => _receipts.Keys.Union(SnapshotRounds).Count();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

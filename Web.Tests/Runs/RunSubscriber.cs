using System.Collections.Concurrent;
using System.Diagnostics;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>
/// A hub client following one run as the pages do: it subscribes (the snapshot) and merges the live rounds into the
/// snapshot's by index with the lab's own <see cref="RoundSequence"/>; it records everything else it receives.
/// </summary>
public sealed class RunSubscriber : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly HubConnection _hub;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource<RunInfo> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _progressing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunSubscriber(HubConnection hub)
    {
        _hub = hub;
        _hub.On<RoundFrame>(nameof(IExperimentClient.RoundCompleted), round =>
        {
            LiveRounds.Enqueue(round);
            Rounds.Add(round);
        });
        _hub.On<RunInfo>(nameof(IExperimentClient.StatusChanged), run =>
        {
            Statuses.Enqueue(run.Status);
            if (IsFinal(run.Status))
            {
                _finished.TrySetResult(run);
            }
        });
        _hub.On<Guid, TrainingProgress>(nameof(IExperimentClient.Progress), (_, progress) =>
        {
            Progress.Enqueue((_clock.Elapsed, progress));
            _progressing.TrySetResult();
        });
        _hub.On<Guid, string>(nameof(IExperimentClient.Failed), (_, reason) => _failed.TrySetResult(reason));
    }

    /// <summary>Every round: the snapshot's and the live ones, each index once.</summary>
    public RoundSequence Rounds { get; } = new();

    /// <summary>The RoundCompleted messages as they arrived.</summary>
    public ConcurrentQueue<RoundFrame> LiveRounds { get; } = new();

    /// <summary>The StatusChanged messages as they arrived.</summary>
    public ConcurrentQueue<RunStatus> Statuses { get; } = new();

    /// <summary>The Progress messages as they arrived, each with the time it arrived (since this client was made).</summary>
    public ConcurrentQueue<(TimeSpan At, TrainingProgress Progress)> Progress { get; } = new();

    /// <summary>The time on the clock <see cref="Progress"/> is stamped with.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public static Task<RunSubscriber> ConnectAsync(LabFactory lab, HttpClient @as) => ConnectAsync(lab.Hub(@as));

    /// <summary>Follows runs over a hub connection of one's own (a real server's, say).</summary>
    public static async Task<RunSubscriber> ConnectAsync(HubConnection hub)
    {
        var subscriber = new RunSubscriber(hub);
        await subscriber._hub.StartAsync();
        return subscriber;
    }

    public async Task<RunSnapshot> SubscribeAsync(Guid runId)
    {
        var snapshot = await _hub.InvokeAsync<RunSnapshot>(ExperimentHubRoutes.Subscribe, runId);
        foreach (var round in snapshot.Rounds)
        {
            Rounds.Add(round);
        }
        if (IsFinal(snapshot.Run.Status))
        {
            _finished.TrySetResult(snapshot.Run);
        }
        return snapshot;
    }

    /// <summary>The run as announced when it finished (completed, failed, cancelled or interrupted).</summary>
    public Task<RunInfo> FinishedAsync() => _finished.Task.WaitAsync(Patience);

    /// <summary>The reason of the Failed message.</summary>
    public Task<string> FailedAsync() => _failed.Task.WaitAsync(Patience);

    /// <summary>Completes when the first Progress message has arrived; fails at once if the run finishes before.</summary>
    public async Task ProgressingAsync()
    {
        var first = await Task.WhenAny(_progressing.Task, _finished.Task).WaitAsync(Patience);
        if (first != _progressing.Task)
        {
            var run = await _finished.Task;
            throw new InvalidOperationException($"The run finished {run.Status} ({run.Error}) before any progress arrived.");
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static bool IsFinal(RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted;
}

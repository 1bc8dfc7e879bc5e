using System.Collections.Concurrent;
using System.Collections.Immutable;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Runs;

/// <summary>
/// Announces a run's or a study's events to everyone listening: the SignalR group (browsers and other clients) and
/// in-process listeners (the Blazor pages of this server, which already live on a circuit and need no second connection).
/// </summary>
public sealed class RunEvents(IHubContext<ExperimentHub, IExperimentClient> hub, ILogger<RunEvents> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<IExperimentClient>> _listeners = new();

    /// <summary>Listens to one run or study until the returned handle is disposed.</summary>
    public IDisposable Listen(Guid runId, IExperimentClient listener)
    {
        _listeners.AddOrUpdate(runId, [listener], (_, list) => list.Add(listener));
        return new Subscription(() => _listeners.AddOrUpdate(runId, [], (_, list) => list.Remove(listener)));
    }

    public Task ProgressAsync(Guid runId, TrainingProgress progress) =>
        SendAsync(runId, client => client.Progress(runId, progress));

    public Task RoundCompletedAsync(RoundFrame round) => SendAsync(round.RunId, client => client.RoundCompleted(round));

    public Task StatusChangedAsync(RunInfo run) => SendAsync(run.Id, client => client.StatusChanged(run));

    public Task FailedAsync(Guid runId, string reason) => SendAsync(runId, client => client.Failed(runId, reason));

    public Task StudyChangedAsync(StudyInfo study) =>
        SendAsync(study.Id, ExperimentHub.StudyGroup(study.Id), client => client.StudyChanged(study));

    public Task StudyProgressAsync(Guid studyId, StudyProgress progress) =>
        SendAsync(studyId, ExperimentHub.StudyGroup(studyId), client => client.StudyProgress(studyId, progress));

    // A listener or connection that fails must never fail the run that announces.
    private Task SendAsync(Guid runId, Func<IExperimentClient, Task> send) => SendAsync(runId, ExperimentHub.Group(runId), send);

    private async Task SendAsync(Guid id, string group, Func<IExperimentClient, Task> send)
    {
        var targets = new List<IExperimentClient> { hub.Clients.Group(group) };
        if (_listeners.TryGetValue(id, out var local))
        {
            targets.AddRange(local);
        }
        foreach (var target in targets)
        {
            try
            {
                await send(target);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "A run event could not be delivered");
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

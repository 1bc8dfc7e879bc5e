using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Hubs;

/// <summary>
/// Live runs over SignalR at /hubs/experiments. Subscribing joins the run's group first and then reads the
/// snapshot, so nothing falls between the two; a round that arrives in both is told apart by its index.
/// </summary>
public sealed class ExperimentHub(ExperimentService experiments) : Hub<IExperimentClient>
{
    public static string Group(Guid runId) => $"run:{runId:N}";

    public async Task<RunSnapshot> Subscribe(Guid runId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(runId), Context.ConnectionAborted);
        var snapshot = await experiments.SnapshotAsync(runId, Context.ConnectionAborted);
        if (snapshot is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(runId));
            throw new HubException($"There is no run {runId}.");
        }
        return snapshot;
    }

    public Task Unsubscribe(Guid runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(runId));
}

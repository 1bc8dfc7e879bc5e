using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Studies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Hubs;

/// <summary>
/// Live runs over SignalR at /hubs/experiments, for members (session cookie) and share-link callers (X-Share-Token
/// header, one run, read-only). Subscribing joins the run's group first and then reads the snapshot, so nothing falls
/// between the two; a round that arrives in both is told apart by its index.
/// </summary>
[Authorize(Policy = LabPolicies.Viewer)]
public sealed class ExperimentHub(ExperimentService experiments, StudyService studies, ShareLinkConnections shared)
    : Hub<IExperimentClient>
{
    /// <summary>A share-link caller's connection ends the moment its link is revoked or expires.</summary>
    public override Task OnConnectedAsync()
    {
        shared.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        shared.Remove(Context);
        return base.OnDisconnectedAsync(exception);
    }

    public static string Group(Guid runId) => $"run:{runId:N}";

    public static string StudyGroup(Guid studyId) => $"study:{studyId:N}";

    public async Task<RunSnapshot> Subscribe(Guid runId)
    {
        // A share-link caller asking for another run learns nothing more than about a run that does not exist.
        if (!ExperimentService.MayRead(Context.User!, runId))
        {
            throw new HubException($"There is no run {runId}.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(runId), Context.ConnectionAborted);
        var snapshot = await experiments.SnapshotAsync(Context.User!, runId, Context.ConnectionAborted);
        if (snapshot is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(runId));
            throw new HubException($"There is no run {runId}.");
        }
        return snapshot;
    }

    public Task Unsubscribe(Guid runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(runId));

    /// <summary>Joins a study's live events (statistics as rounds are stored, progress), then returns its snapshot.</summary>
    public async Task<StudySnapshot> SubscribeStudy(Guid studyId)
    {
        if (!StudyService.MayRead(Context.User!, studyId))
        {
            throw new HubException($"There is no study {studyId}.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, StudyGroup(studyId), Context.ConnectionAborted);
        var snapshot = await studies.SnapshotAsync(Context.User!, studyId, Context.ConnectionAborted);
        if (snapshot is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, StudyGroup(studyId));
            throw new HubException($"There is no study {studyId}.");
        }
        return snapshot;
    }

    public Task UnsubscribeStudy(Guid studyId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StudyGroup(studyId));

    /// <summary>Cancels a queued or running run: its owner or an admin only (share-link callers are refused).</summary>
    [Authorize(Policy = LabPolicies.Member)]
    public async Task<bool> Cancel(Guid runId)
    {
        return await experiments.CancelAsync(Context.User!, runId, Context.ConnectionAborted) switch
        {
            null => true,
            { Kind: RefusalKind.Conflict } => false,
            { Kind: RefusalKind.Forbidden } refusal => throw new HubException("Forbidden: " + refusal.Message),
            var refusal => throw new HubException(refusal.Message),
        };
    }
}

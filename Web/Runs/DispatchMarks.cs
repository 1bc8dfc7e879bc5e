using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The dispatch marks of queued runs and studies (<see cref="RunRecord.UndispatchedSince"/>). The stores set a mark in
/// the same write that queues (submitted or resumed); the services clear it once they have told the workers
/// (<see cref="IRunDispatch"/>, <see cref="Studies.IStudyDispatch"/>). A web process that stops between the two leaves
/// the mark, and a sweep takes what has been marked longer than a grace and dispatches it again.
/// </summary>
public sealed class DispatchMarks(IDbContextFactory<LabDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Takes the queued runs (or studies, <typeparamref name="TRecord"/>) marked longer than <paramref name="grace"/>
    /// ago: each one's mark moves to now in a conditional update, so of several web instances sweeping at once exactly one
    /// takes it, and one whose taker stops before dispatching it is taken again a grace later.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> TakeOverdueAsync<TRecord>(TimeSpan grace, CancellationToken cancellationToken)
        where TRecord : class, IQueuedRecord
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Compared here, not in SQL: SQLite stores the instants as text and cannot order them.
        var marked = await db.Set<TRecord>()
            .Where(r => r.Status == RunStatus.Queued && r.UndispatchedSince != null)
            .Select(r => new { r.Id, Since = r.UndispatchedSince!.Value })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var taken = new List<Guid>();
        foreach (var mark in marked.Where(m => now - m.Since >= grace))
        {
            int updated = await db.Set<TRecord>()
                .Where(r => r.Id == mark.Id && r.Status == RunStatus.Queued && r.UndispatchedSince == mark.Since)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.UndispatchedSince, now), cancellationToken);
            if (updated == 1)
            {
                taken.Add(mark.Id);
            }
        }
        return taken;
    }

    /// <summary>The run's (or study's) workers have been told: it is no longer owed a dispatch.</summary>
    public async Task DispatchedAsync<TRecord>(Guid id, CancellationToken cancellationToken)
        where TRecord : class, IQueuedRecord
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<TRecord>().Where(r => r.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.UndispatchedSince, (DateTimeOffset?)null), cancellationToken);
    }
}

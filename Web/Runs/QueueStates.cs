using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The queue's rules, said once for runs and studies (<see cref="RunStore"/>, <see cref="Studies.StudyStore"/>): the
/// position a queued record takes, which queued record is taken next, and what moving a record to a status writes on it.
/// One per process (a singleton), so no two records queued here share a position.
/// </summary>
public sealed class QueueStates(TimeProvider time)
{
    private long _lastQueueOrder;

    /// <summary>
    /// The time in ticks, but never the same value twice in this process: two records queued at the same instant still
    /// get different positions, in the order they were queued, and are started in that order.
    /// </summary>
    public long NextQueueOrder()
    {
        long now = time.GetUtcNow().UtcTicks;
        while (true)
        {
            long last = Interlocked.Read(ref _lastQueueOrder);
            long next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastQueueOrder, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="record"/> to <paramref name="to"/>: queued, it takes the next position and is no longer
    /// finished; running, it has started (at its first start); anything else, it has finished now. A person's queueing
    /// (<paramref name="byPerson"/>) also sets the dispatch mark and any other move clears it; a worker handing a record
    /// back (the job engine requeues its job) leaves the mark as it is.
    /// </summary>
    public void Move(IQueuedRecord record, RunStatus to, string? error, bool byPerson = true)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow();
        record.Status = to;
        record.Error = error;
        if (byPerson)
        {
            record.UndispatchedSince = to == RunStatus.Queued ? now : null; // cleared once dispatched (DispatchMarks)
        }
        switch (to)
        {
            case RunStatus.Queued:
                record.QueueOrder = NextQueueOrder();
                record.FinishedAt = null;
                break;
            case RunStatus.Running:
                record.StartedAt ??= now;
                break;
            default:
                record.FinishedAt = now;
                break;
        }
    }

    /// <summary>
    /// Takes the queued record of <paramref name="candidates"/> with the lowest position: <paramref name="take"/> moves
    /// it in one conditional update (true when it did); one cancelled or taken by another worker in between is passed
    /// over and the next looked for. Null when none is queued.
    /// </summary>
    public static async Task<Guid?> TakeNextAsync<TRecord>(IQueryable<TRecord> candidates, Func<Guid, Task<bool>> take,
        CancellationToken cancellationToken)
        where TRecord : class, IQueuedRecord
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(take);
        while (true)
        {
            var next = await candidates.AsNoTracking()
                .Where(r => r.Status == RunStatus.Queued)
                .OrderBy(r => r.QueueOrder)
                .Select(r => (Guid?)r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is not { } id)
            {
                return null;
            }
            if (await take(id))
            {
                return id;
            }
        }
    }
}

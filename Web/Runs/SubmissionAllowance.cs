using System.Collections.Concurrent;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Security;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Runs;

/// <summary>
/// What a member may still submit, however they submit it (a run, a family, a study): a bounded number of submissions
/// a minute, and a bounded number of runs and studies queued or running.
/// </summary>
public sealed class SubmissionAllowance(RunStore store, IOptions<SecurityOptions> security, SubmissionLimiter limiter)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>The field a full queue is reported under (the API answers it with 429).</summary>
    public const string QueueField = "Queue";

    /// <summary>The field a member's used-up submission allowance is reported under (the API answers it with 429).</summary>
    public const string RateField = "Rate";

    /// <summary>Takes one submission from the member's allowance for this minute; the error when it is used up.</summary>
    public async Task<ValidationError?> TooFrequentAsync(string owner, CancellationToken cancellationToken) => await limiter.TryTakeAsync(owner, cancellationToken)
        ? null
        : new ValidationError(RateField,
            $"{owner} has submitted {limiter.PerMinute} times in the last minute, the most allowed (Security:SubmissionsPerMinute); try again in a minute.");

    /// <summary>
    /// Waits for the member's turn to queue: one submission of a member at a time on this server, so counting the
    /// member's queue (<see cref="QueueFullAsync"/>) and queueing are one step and concurrent submissions cannot both
    /// fit under the cap. Dispose the turn once the work is queued.
    /// </summary>
    public async Task<IDisposable> TurnAsync(string owner, CancellationToken cancellationToken)
    {
        var gate = _turns.GetOrAdd(owner, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>The error when <paramref name="adding"/> more would take the member over the queue cap (a study counts once).</summary>
    public async Task<ValidationError?> QueueFullAsync(string owner, int adding, CancellationToken cancellationToken)
    {
        var cap = security.Value.MaxQueuedRunsPerUser;
        var active = await store.ActiveCountAsync(owner, cancellationToken);
        return active + adding <= cap
            ? null
            : new ValidationError(QueueField,
                $"{owner} has {active} run(s) or studies queued or running and the limit is {cap} per member (Security:MaxQueuedRunsPerUser); " +
                $"this would add {adding}. Wait for some to finish or cancel them.");
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

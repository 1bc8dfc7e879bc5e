using System.Threading.Channels;

namespace LocalityLab.Web.Runs;

/// <summary>
/// Wakes idle workers when a run is queued. The database is the queue: a woken worker claims the queued run with the
/// lowest QueueOrder (<see cref="RunStore.ClaimNextAsync"/>), the order the queue positions are computed
/// from, whatever order the wake-ups arrive in.
/// </summary>
public class RunQueue : IRunDispatch
{
    private readonly Channel<bool> _wakeUps = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>Says a run was queued: one waiting worker wakes (or the next to wait will not wait).</summary>
    public void Wake() => _wakeUps.Writer.TryWrite(true);

    public Task QueuedAsync(Guid runId, CancellationToken cancellationToken)
    {
        Wake();
        return Task.CompletedTask;
    }

    /// <summary>Waits for a wake-up.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _wakeUps.Reader.ReadAsync(cancellationToken);
}

using System.Threading.Channels;

namespace LocalityLab.Web.Runs;

/// <summary>Run ids waiting for a compute slot, first in first out. The database stays the truth; this only wakes workers.</summary>
public sealed class RunQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleWriter = false });

    public void Enqueue(Guid runId) => _channel.Writer.TryWrite(runId);

    public ValueTask<Guid> DequeueAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAsync(cancellationToken);
}

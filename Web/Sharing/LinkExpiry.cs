namespace LocalityLab.Web.Sharing;

/// <summary>
/// Calls back when a share link expires, however far off that is: a timer's due time is a 32-bit count of
/// milliseconds (about 49.7 days), so it waits at most 30 days at a time and then waits again.
/// </summary>
public sealed class LinkExpiry : IDisposable
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _expires;
    private readonly Action _expired;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private bool _disposed;

    private LinkExpiry(TimeProvider time, DateTimeOffset expires, Action expired)
    {
        _time = time;
        _expires = expires;
        _expired = expired;
    }

    /// <summary>Starts watching; <paramref name="expired"/> runs once, at once when the link has already expired.</summary>
    public static LinkExpiry Watch(TimeProvider time, DateTimeOffset expires, Action expired)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(expired);
        var watch = new LinkExpiry(time, expires, expired);
        watch.Wait();
        return watch;
    }

    private void Wait()
    {
        var left = _expires - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            _expired();
            return;
        }
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => Wait(), null, left < LongestWait ? left : LongestWait, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// The hub connections opened with a share link's token, by link: revoking the link (or its expiry) aborts them at
/// once, so no subscription made through it keeps streaming. In-process: the lab runs as one server.
/// </summary>
public sealed class ShareLinkConnections : IDisposable
{
    /// <summary>The longest a timer waits (its due time is a 32-bit count of milliseconds).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, Entry> _connections = new(StringComparer.Ordinal);
    private readonly ShareLinkStore _links;
    private readonly TimeProvider _time;

    public ShareLinkConnections(ShareLinkStore links, TimeProvider time)
    {
        _links = links;
        _time = time;
        _links.Revoked += OnRevoked;
    }

    /// <summary>Watches a connection if its caller came with a share link; members' connections are left alone.</summary>
    public void Add(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.User?.FindFirstValue(LabClaims.ShareLink) is not { } link || !Guid.TryParse(link, out var linkId))
        {
            return;
        }
        var entry = new Entry(linkId, connection);
        _connections[connection.ConnectionId] = entry;
        if (connection.User.FindFirstValue(LabClaims.ShareLinkExpires) is { } expires
            && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            Watch(entry, at);
        }
    }

    public void Remove(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_connections.TryRemove(connection.ConnectionId, out var entry))
        {
            entry.Timer?.Dispose();
        }
    }

    private void Watch(Entry entry, DateTimeOffset expires)
    {
        var left = expires - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            Abort(entry);
            return;
        }
        entry.Timer?.Dispose();
        entry.Timer = _time.CreateTimer(_ => Watch(entry, expires), null, left < LongestWait ? left : LongestWait, Timeout.InfiniteTimeSpan);
    }

    private void OnRevoked(Guid linkId)
    {
        foreach (var entry in _connections.Values.Where(e => e.LinkId == linkId))
        {
            Abort(entry);
        }
    }

    private void Abort(Entry entry)
    {
        if (_connections.TryRemove(entry.Connection.ConnectionId, out _))
        {
            entry.Timer?.Dispose();
            entry.Connection.Abort();
        }
    }

    public void Dispose()
    {
        _links.Revoked -= OnRevoked;
        foreach (var entry in _connections.Values)
        {
            entry.Timer?.Dispose();
        }
    }

    private sealed class Entry(Guid linkId, HubCallerContext connection)
    {
        public Guid LinkId { get; } = linkId;

        public HubCallerContext Connection { get; } = connection;

        public ITimer? Timer { get; set; }
    }
}

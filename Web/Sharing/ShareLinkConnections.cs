using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// The hub connections opened with a share link's token, by link: revoking the link (or its expiry) aborts them at
/// once, so no subscription made through it keeps streaming; a revocation on another web instance arrives through
/// <see cref="ShareLinkRevocationRelay"/>.
/// </summary>
public sealed class ShareLinkConnections : IDisposable
{
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
            entry.Expiry = LinkExpiry.Watch(_time, at, () => Abort(entry));
        }
    }

    public void Remove(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_connections.TryRemove(connection.ConnectionId, out var entry))
        {
            entry.Expiry?.Dispose();
        }
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
            entry.Expiry?.Dispose();
            entry.Connection.Abort();
        }
    }

    public void Dispose()
    {
        _links.Revoked -= OnRevoked;
        foreach (var entry in _connections.Values)
        {
            entry.Expiry?.Dispose();
        }
    }

    private sealed class Entry(Guid linkId, HubCallerContext connection)
    {
        public Guid LinkId { get; } = linkId;

        public HubCallerContext Connection { get; } = connection;

        public LinkExpiry? Expiry { get; set; }
    }
}

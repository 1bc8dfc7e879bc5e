using StackExchange.Redis;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// With several web instances (Redis:Configuration), tells every instance when one revokes a share link, over a Redis
/// channel, so the hub connections and shared pages opened through it close wherever they are, not only on the instance
/// that revoked. Each instance skips its own messages: it has closed its views already.
/// </summary>
public sealed class ShareLinkRevocationRelay(ShareLinkStore links, IConnectionMultiplexer redis, ILogger<ShareLinkRevocationRelay> logger)
    : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("LocalityLab-share-link-revoked");

    private readonly string _instance = Guid.NewGuid().ToString("N");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var parts = message.ToString().Split(':');
            if (parts.Length == 2 && parts[0] != _instance && Guid.TryParse(parts[1], out var linkId))
            {
                links.RevokedElsewhere(linkId);
            }
        });
        links.RevokedHere += Publish;
    }

    private void Publish(Guid linkId)
    {
        var sent = redis.GetSubscriber().PublishAsync(Channel, $"{_instance}:{linkId:N}");
        // The revocation is stored whatever happens here; only other instances' open views would stay open until their next request.
        sent.ContinueWith(t => logger.LogWarning(t.Exception, "Could not tell the other web instances that share link {LinkId} was revoked.", linkId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        links.RevokedHere -= Publish;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace LocalityLab.Web.Security;

/// <summary>
/// Submissions per member per minute (Security:SubmissionsPerMinute), a token bucket per member, wherever they submit
/// from: the API, the designer, a re-run. A sweep or comparison counts as one submission. With several web instances
/// (Redis:Configuration) the buckets live in Redis, so the allowance is the lab's, not each instance's.
/// </summary>
public sealed class SubmissionLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly IOptions<SecurityOptions> _options;

    public SubmissionLimiter(IOptions<SecurityOptions> options, IConnectionMultiplexer? redis = null)
    {
        _options = options;
        int perMinute = options.Value.SubmissionsPerMinute;
        _limiter = redis is null
            ? PartitionedRateLimiter.Create<string, string>(owner => RateLimitPartition.GetTokenBucketLimiter(owner, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = perMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }))
            : PartitionedRateLimiter.Create<string, string>(owner => RedisRateLimitPartition.GetTokenBucketRateLimiter($"LocalityLab:submissions:{owner}",
                _ => new RedisTokenBucketRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => redis,
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                }));
    }

    /// <summary>Takes one submission from the member's allowance; false when it is used up for now.</summary>
    public async Task<bool> TryTakeAsync(string owner, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(owner, 1, cancellationToken);
        return lease.IsAcquired;
    }

    public int PerMinute => _options.Value.SubmissionsPerMinute;

    public void Dispose() => _limiter.Dispose();
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Security;

/// <summary>
/// Submissions per member per minute (Security:SubmissionsPerMinute), a token bucket per member, wherever they submit
/// from: the API, the designer, a re-run. A sweep or comparison counts as one submission.
/// </summary>
public sealed class SubmissionLimiter(IOptions<SecurityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(owner =>
        RateLimitPartition.GetTokenBucketLimiter(owner, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.SubmissionsPerMinute,
            TokensPerPeriod = options.Value.SubmissionsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one submission from the member's allowance; false when it is used up for now.</summary>
    public bool TryTake(string owner)
    {
        using var lease = _limiter.AttemptAcquire(owner);
        return lease.IsAcquired;
    }

    public int PerMinute => options.Value.SubmissionsPerMinute;

    public void Dispose() => _limiter.Dispose();
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Security;

/// <summary>The sign-in rate limit, per client address (submissions are limited per member by SubmissionLimiter).</summary>
public static class LabRateLimiting
{
    public const string Login = "login";

    public static IServiceCollection AddLabRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { error = $"Too many requests; try again in {Math.Ceiling(wait.TotalSeconds)} s." }, cancellationToken);
            };
            // Only attempts count: showing the sign-in form is free.
            limiter.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Options(context).LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static SecurityOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

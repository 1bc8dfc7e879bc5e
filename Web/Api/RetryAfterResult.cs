using System.Globalization;

namespace LocalityLab.Web.Api;

/// <summary>A 429 answer with its Retry-After header: the submission allowance refills within a minute.</summary>
public sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}

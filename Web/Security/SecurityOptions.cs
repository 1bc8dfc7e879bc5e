using System.ComponentModel.DataAnnotations;

namespace LocalityLab.Web.Security;

/// <summary>Abuse limits, from the "Security" section of appsettings.json.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Sign-in attempts (form or API) per client address per minute; more get 429.</summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Submissions (runs, sweeps, comparisons, re-runs) per member per minute, from the designer or the API; more get 429.</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerMinute { get; set; } = 30;

    /// <summary>Runs one member may have queued or running at once, wherever they were submitted from.</summary>
    [Range(1, 10_000)]
    public int MaxQueuedRunsPerUser { get; set; } = 20;

    /// <summary>The largest request body the server reads at all (Kestrel's limit).</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1L << 20;

    /// <summary>The largest JSON body a spec, sweep or template may have; a spec is a few hundred bytes.</summary>
    [Range(1024, 1L << 24)]
    public int MaxSpecBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers the lab believes (none by
    /// default). Behind an HTTPS proxy, list it here: requests then count as HTTPS, so the session cookie is Secure
    /// and Strict-Transport-Security is sent. Each must be an IP address.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How long browsers keep to HTTPS after an HTTPS response (Strict-Transport-Security), outside Development; 0 sends none.</summary>
    [Range(0, 3650)]
    public int HstsDays { get; set; } = 365;
}

namespace LocalityLab.Web.Accounts.Forms;

/// <summary>Where to go after signing in: only a path on this site, never another origin (no open redirect).</summary>
public static class LocalReturnUrl
{
    public static string Or(string? url, string fallback = "/") =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : fallback;
}

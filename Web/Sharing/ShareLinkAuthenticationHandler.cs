using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// Authenticates API and hub callers that present a share link's token in the X-Share-Token header: they become a
/// principal with no role whose claims are what they may read: the link's run, or the link's study and each of its
/// replicate runs (<see cref="ShareService.CallerAsync"/>). A bad, revoked or expired token fails (401).
/// </summary>
public sealed class ShareLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ShareService shares)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ShareLink";

    public const string Header = "X-Share-Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        if (await shares.FindActiveAsync(values.ToString(), Context.RequestAborted) is not { } link)
        {
            return AuthenticateResult.Fail("The share link is not valid (unknown, revoked or expired).");
        }
        var caller = await shares.CallerAsync(link, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(caller, SchemeName));
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// Authenticates API and hub callers that present a share link's token in the X-Share-Token header: they become a
/// principal with no role and one claim, the run they may read. A bad, revoked or expired token fails (401).
/// </summary>
public sealed class ShareLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ShareLinkStore links)
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
        if (await links.ResolveAsync(values.ToString(), Context.RequestAborted) is not { } runId)
        {
            return AuthenticateResult.Fail("The share link is not valid (unknown, revoked or expired).");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "share link"), new Claim(LabClaims.SharedRun, runId.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

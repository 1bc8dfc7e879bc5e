using System.Security.Claims;
using System.Text.Encodings.Web;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// Authenticates API and hub callers that present a share link's token in the X-Share-Token header: they become a
/// principal with no role whose claims are what they may read: the link's run, or the link's study and each of its
/// replicate runs. A bad, revoked or expired token fails (401).
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
        if (await links.FindActiveAsync(values.ToString(), Context.RequestAborted) is not { } link)
        {
            return AuthenticateResult.Fail("The share link is not valid (unknown, revoked or expired).");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, "share link"), new(LabClaims.ShareLink, link.Id.ToString()) };
        if (link.ExpiresAt is { } expires)
        {
            claims.Add(new Claim(LabClaims.ShareLinkExpires, expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (link.StudyId is { } studyId)
        {
            claims.Add(new Claim(LabClaims.SharedStudy, studyId.ToString()));
        }
        claims.AddRange((await links.RunsOpenedAsync(link, Context.RequestAborted)).Select(id => new Claim(LabClaims.SharedRun, id.ToString())));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

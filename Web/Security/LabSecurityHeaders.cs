namespace LocalityLab.Web.Security;

/// <summary>
/// Response headers for every page and API answer. The CSP allows only this origin: scripts from our own files (and
/// the inline import map, by nonce); inline styles, which MudBlazor and Plotly set on elements; images from data: and
/// blob: (canvas exports, the atlas); connections to this origin (the Blazor and experiment hubs' WebSockets).
/// No Referer leaves the site, so a share link's token never travels in one.
/// </summary>
public static class LabSecurityHeaders
{
    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyNoReferrer()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().None();
            permissions.AddMicrophone().None();
            permissions.AddGeolocation().None();
            permissions.AddPayment().None();
        })
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().WithNonce();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });
}

using System.Net;
using System.Net.Http.Json;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Tests.Runs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Behind an HTTPS reverse proxy listed in Security:TrustedProxies: Secure session cookies and HSTS; no one else is believed.</summary>
public sealed class ReverseProxyTests
{
    private static async Task<HttpResponseMessage> SignInAsync(string? trustedProxy)
    {
        var settings = new Dictionary<string, string?> { ["environment"] = "Production" };
        if (trustedProxy is not null)
        {
            settings["Security:TrustedProxies:0"] = trustedProxy;
        }
        await using var lab = new LabFactory(settings);
        lab.UseKestrel(0); // real sockets: the proxy's (loopback) address is the connection's
        lab.StartServer();
        await lab.EnsureUserAsync("ada");
        var address = lab.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new LoginRequest("ada", LabFactory.Password)) };
        request.Headers.Host = "lab.example.org"; // HSTS is never sent for localhost
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Behind_a_trusted_https_proxy_the_session_cookie_is_secure_and_hsts_is_sent()
    {
        using var response = await SignInAsync(trustedProxy: "127.0.0.1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("LocalityLab.Session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unlisted_address_are_ignored()
    {
        using var response = await SignInAsync(trustedProxy: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("LocalityLab.Session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

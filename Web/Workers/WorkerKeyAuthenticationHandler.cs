using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Workers;

/// <summary>
/// Authenticates remote workers: a request carrying Compute:WorkerKey in the X-Worker-Key header (compared in
/// constant time) becomes the principal "worker", the only one the worker API admits (<see cref="LabPolicies.Worker"/>).
/// A wrong key, or any key where the lab computes in process (it has no workers), fails: 401.
/// </summary>
public sealed class WorkerKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ComputeOptions> compute)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WorkerKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(WorkerRoutes.KeyHeader, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var settings = compute.Value;
        if (settings.Workers != WorkerPlacement.Remote || settings.WorkerKey is not { Length: > 0 } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("This lab computes in process (Compute:Workers = InProcess): it takes no remote workers."));
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.ToString()), Encoding.UTF8.GetBytes(key)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The worker key is not the lab's Compute:WorkerKey."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "worker"), new Claim(LabClaims.Worker, "true")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

using LocalityLab.Shared.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;

namespace LocalityLab.Web.Accounts;

/// <summary>
/// At start (after the store is migrated): makes sure the roles exist and, when the lab has no members yet, opens the
/// first-admin setup and prints its one-time link on the console once the server listens.
/// </summary>
public sealed class AccountsBootstrap(
    IServiceScopeFactory scopes, FirstAdminSetup setup, IHostApplicationLifetime lifetime, IServer server,
    ILogger<AccountsBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in LabRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        if (await scope.ServiceProvider.GetRequiredService<MemberDirectory>().AnyAsync(cancellationToken))
        {
            return;
        }
        var token = setup.Open();
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            logger.LogWarning("The lab has no members yet. Create the first admin (this link works once): {Url}",
                $"{address.Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/')}{FirstAdminSetup.Path}?token={token}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Storage;

/// <summary>
/// Brings the store's schema up to date before anything else starts (registered first): the workers, the accounts'
/// bootstrap and the pages find the tables they expect, whichever process (web instance) starts first.
/// </summary>
public sealed class StoreMigration(RunStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

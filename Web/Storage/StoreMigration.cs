using Hangfire.PostgreSql;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Storage;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LocalityLab.Web.Storage;

/// <summary>
/// Brings the store's schema up to date before anything else starts (registered first): the workers, the accounts'
/// bootstrap and the pages find the tables they expect, whichever process (web instance) starts first. On PostgreSQL
/// one instance at a time (<see cref="PostgresStartLock"/>, which creates the database on a first start) creates EF's
/// history table (Npgsql's migrator reads it before creating it and logs the failed read as an error,
/// npgsql/efcore.pg#3407), migrates, and, with remote workers, installs or upgrades the job store's schema
/// (<see cref="JobStoreSchema"/>): once, before any worker is admitted; workers never install it.
/// </summary>
public sealed class StoreMigration(
    RunStore store, IDbContextFactory<LabDbContext> contexts, IOptions<StorageOptions> storage, IOptions<ComputeOptions> compute,
    ILogger<StoreMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.Provider != StorageProvider.Postgres)
        {
            await store.MigrateAsync(cancellationToken);
            return;
        }
        await using var startLock = await PostgresStartLock.TakeAsync(storage.Value.ConnectionString, logger, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }
        await store.MigrateAsync(cancellationToken);
        if (compute.Value.Workers == WorkerPlacement.Remote)
        {
            await using var connection = new NpgsqlConnection(storage.Value.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            PostgreSqlObjectsInstaller.Install(connection, JobStoreSchema.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

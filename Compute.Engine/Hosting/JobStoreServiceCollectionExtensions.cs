using Hangfire;
using Hangfire.PostgreSql;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Storage;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Compute.Hosting;

/// <summary>
/// The job store the lab and its remote workers share: Hangfire on the lab's PostgreSQL database (schema
/// <see cref="JobStoreSchema.Name"/>). A worker holds a job it took under a sliding lease of Compute:WorkerLeaseSeconds (renewed
/// every fifth of it while the worker lives); when a worker dies, its jobs become visible to the others once the lease
/// has run out. A failed job is never retried by the engine: the lab's sweeper requeues the failed job of a run still
/// open, and fails the run with the job's error after its last requeue. Only the lab installs or upgrades the schema, at
/// start and one web instance at a time, before it answers any worker (the web's StoreMigration); here nothing
/// touches the database until the store is used, so two processes never race to create the same tables, and a start
/// never waits on Hangfire.PostgreSql's startup retries against a database that is not there yet.
/// </summary>
public static class JobStoreServiceCollectionExtensions
{
    public static IServiceCollection AddLabJobStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        string connectionString = store.ConnectionString;
        if (store.Provider != StorageProvider.Postgres)
        {
            throw new InvalidOperationException("Compute:Workers = Remote needs the lab's store on PostgreSQL (Storage:ConnectionString = \"Host=...;Database=...\"): "
                + "the job store that hands runs to the workers lives there. SQLite is for the in-process default only.");
        }
        var compute = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = JobStoreSchema.Name,
            PrepareSchemaIfNecessary = false,
            InvisibilityTimeout = TimeSpan.FromSeconds(compute.WorkerLeaseSeconds),
            UseSlidingInvisibilityTimeout = true,
            // A job's state changes under a lock held for milliseconds; a worker killed inside one would otherwise keep
            // the job from every other worker for the default 10 minutes. One lease is the longest anything waits.
            DistributedLockTimeout = TimeSpan.FromSeconds(compute.WorkerLeaseSeconds),
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new AutomaticRetryAttribute { Attempts = 0 })
            .UsePostgreSqlStorage(postgres => postgres.UseNpgsqlConnection(connectionString), storage));
        return services;
    }
}

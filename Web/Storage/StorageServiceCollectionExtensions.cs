using LocalityLab.Shared.Storage;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>SQLite by default, PostgreSQL when Storage:ConnectionString names a Host; one store either way.</summary>
    public static IServiceCollection AddLabStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:ConnectionString must not be empty.")
            .ValidateOnStart();
        services.AddDbContextFactory<PostgresLabDbContext>((provider, db) =>
            db.UseNpgsql(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        // EF alters a SQLite table by rebuilding it with foreign keys off, which SQLite allows only outside the migration's
        // transaction, and warns about it on every first start. The lab migrates once, at start, before anything else
        // opens the file, and a migration that fails stops the start with its error; the warning stays in the debug log.
        services.AddDbContextFactory<SqliteLabDbContext>((provider, db) => db
            .UseSqlite(SqliteConnectionString(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString))
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug))));
        services.AddSingleton<IDbContextFactory<LabDbContext>, LabDbContextFactory>();
        services.AddSingleton<QueueStates>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<DispatchMarks>();
        services.AddSingleton<StudyStore>();
        services.AddSingleton<FamilyStore>();
        return services;
    }

    // The SQLite file's folder is created on first use, so a fresh checkout needs no set-up.
    private static string SqliteConnectionString(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        return sqlite.ConnectionString;
    }
}

namespace LocalityLab.Shared.Storage;

/// <summary>The "Storage" section of appsettings.json: the lab's store, and with remote workers its job store too (web and workers read it).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// A SQLite connection string ("Data Source=path"; a relative path is relative to the working directory, which is
    /// Web/ under `dotnet run --project Web`; its folder is created) or a PostgreSQL one ("Host=...;Database=...").
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=.data/localitylab.db";

    public StorageProvider Provider => ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        ? StorageProvider.Postgres
        : StorageProvider.Sqlite;
}

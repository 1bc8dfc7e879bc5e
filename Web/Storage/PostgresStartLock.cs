using Npgsql;

namespace LocalityLab.Web.Storage;

/// <summary>
/// One web instance at a time prepares the lab's PostgreSQL database at start: it takes an advisory lock named after the
/// database on the server's maintenance database (so it can be taken before the lab's database exists), creates the
/// database when the server has none of that name, and holds the lock while the caller migrates and creates the job
/// store; the others wait and then find everything in place. Two instances starting at once on a fresh database
/// otherwise both create the same tables, and one start fails. EF's migrator would create the database too, but only
/// after failing to connect to it, which it logs as an error on every first start.
/// </summary>
public sealed class PostgresStartLock : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;

    private PostgresStartLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>
    /// Waits for the lock, then creates the database if it is missing. When the maintenance database cannot be asked
    /// (a role that may not connect to it), it holds no lock and leaves the database to the migrator.
    /// </summary>
    public static async Task<PostgresStartLock> TakeAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var lab = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection))
            {
                take.Parameters.AddWithValue("name", $"LocalityLab start: {lab.Database}");
                await take.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", lab.Database ?? "");
            if (!string.IsNullOrEmpty(lab.Database) && await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{lab.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                logger.LogInformation("Created the lab's database {Database} on {Host}.", lab.Database, lab.Host);
            }
            return new PostgresStartLock(connection);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException)
        {
            await connection.DisposeAsync();
            logger.LogDebug(e, "Could not use the server's maintenance database to prepare {Database}; migrating without the start lock.", lab.Database);
            return new PostgresStartLock(null);
        }
    }

    /// <summary>Releases the lock (closing its session releases it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}

using LocalityLab.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Storage;

/// <summary>
/// Creates the configured provider's own context (so its migrations apply) behind the provider-agnostic LabDbContext.
/// The provider is read from Storage:ConnectionString when the first context is made, not at registration.
/// </summary>
public sealed class LabDbContextFactory(IServiceProvider services, IOptions<StorageOptions> options) : IDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext() => options.Value.Provider == StorageProvider.Postgres
        ? services.GetRequiredService<IDbContextFactory<PostgresLabDbContext>>().CreateDbContext()
        : services.GetRequiredService<IDbContextFactory<SqliteLabDbContext>>().CreateDbContext();
}

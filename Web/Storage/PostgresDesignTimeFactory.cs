using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LocalityLab.Web.Storage;

/// <summary>For `dotnet ef migrations add`: the PostgreSQL context, without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLabDbContext>
{
    public PostgresLabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLabDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

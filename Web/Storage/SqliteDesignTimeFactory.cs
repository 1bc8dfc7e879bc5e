using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LocalityLab.Web.Storage;

/// <summary>For `dotnet ef migrations add`: builds each provider's context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLabDbContext>
{
    public SqliteLabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLabDbContext>().UseSqlite("Data Source=design.db").Options);
}

using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Storage;

public sealed class SqliteLabDbContext(DbContextOptions<SqliteLabDbContext> options) : LabDbContext(options);

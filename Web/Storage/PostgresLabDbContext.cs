using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Storage;

public sealed class PostgresLabDbContext(DbContextOptions<PostgresLabDbContext> options) : LabDbContext(options);

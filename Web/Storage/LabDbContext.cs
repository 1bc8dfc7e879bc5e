using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Storage;

/// <summary>
/// The lab's database. One model, two providers: each has its own derived context so that each keeps its own
/// migrations (Storage/Migrations/Sqlite, Storage/Migrations/Postgres).
/// </summary>
public abstract class LabDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<RoundRecord> Rounds => Set<RoundRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRecord>(run =>
        {
            run.ToTable("runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Name).HasMaxLength(200);
            run.Property(r => r.Owner).HasMaxLength(200);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.SpecHash).HasMaxLength(64);
            run.Property(r => r.DataSummary).HasMaxLength(200);
            run.HasIndex(r => r.SpecHash);
            run.HasIndex(r => new { r.Status, r.QueueOrder });
            run.HasMany(r => r.Rounds).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RoundRecord>(round =>
        {
            round.ToTable("rounds");
            round.HasKey(r => new { r.RunId, r.Round });
        });
    }
}

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

    public DbSet<FamilyRecord> Families => Set<FamilyRecord>();

    public DbSet<FamilyMemberRecord> FamilyMembers => Set<FamilyMemberRecord>();

    public DbSet<TemplateRecord> Templates => Set<TemplateRecord>();

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
        modelBuilder.Entity<FamilyRecord>(family =>
        {
            family.ToTable("families");
            family.HasKey(f => f.Id);
            family.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
            family.Property(f => f.Name).HasMaxLength(200);
            family.Property(f => f.Field).HasMaxLength(100);
            family.Property(f => f.Owner).HasMaxLength(200);
            family.HasMany(f => f.Members).WithOne().HasForeignKey(m => m.FamilyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FamilyMemberRecord>(member =>
        {
            member.ToTable("family_members");
            member.HasKey(m => new { m.FamilyId, m.Position });
            member.Property(m => m.Label).HasMaxLength(200);
            member.HasOne<RunRecord>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TemplateRecord>(template =>
        {
            template.ToTable("templates");
            template.HasKey(t => new { t.Owner, t.Name });
            template.Property(t => t.Owner).HasMaxLength(200);
            template.Property(t => t.Name).HasMaxLength(200);
        });
    }
}

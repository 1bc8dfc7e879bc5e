using LocalityLab.Shared.Studies;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Sharing;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LocalityLab.Web.Storage;

/// <summary>
/// The lab's database. One model, two providers: each has its own derived context so that each keeps its own
/// migrations (Storage/Migrations/Sqlite, Storage/Migrations/Postgres). The Identity tables (accounts, roles) live here too.
/// </summary>
public abstract class LabDbContext(DbContextOptions options) : IdentityDbContext<LabUser>(options)
{
    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<RoundRecord> Rounds => Set<RoundRecord>();

    public DbSet<StudyRecord> Studies => Set<StudyRecord>();

    public DbSet<FamilyRecord> Families => Set<FamilyRecord>();

    public DbSet<FamilyMemberRecord> FamilyMembers => Set<FamilyMemberRecord>();

    public DbSet<TemplateRecord> Templates => Set<TemplateRecord>();

    public DbSet<ShareLinkRecord> ShareLinks => Set<ShareLinkRecord>();

    public DbSet<InvitationRecord> Invitations => Set<InvitationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RunRecord>(run =>
        {
            run.ToTable("runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Name).HasMaxLength(200);
            run.Property(r => r.Owner).HasMaxLength(200);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.SpecHash).HasMaxLength(64);
            run.Property(r => r.DataSummary).HasMaxLength(200);
            run.Property(r => r.ComputedOn).HasMaxLength(Shared.Workers.RunClaimRequest.MaxWorkerLength);
            run.HasIndex(r => r.SpecHash);
            run.HasIndex(r => new { r.Status, r.QueueOrder });
            run.HasMany(r => r.Rounds).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
            // Stored as the enum it once was wrote it ("GaussianClone"): the key with its first letter raised, read back as is.
            run.Property(r => r.StudyCondition).HasConversion(new ValueConverter<StudyCondition, string>(
                c => char.ToUpperInvariant(c.Key[0]) + c.Key.Substring(1),
                s => new StudyCondition(char.ToLowerInvariant(s[0]) + s.Substring(1)))).HasMaxLength(20);
            run.HasOne<StudyRecord>().WithMany().HasForeignKey(r => r.StudyId).OnDelete(DeleteBehavior.Cascade);
            run.HasIndex(r => new { r.StudyId, r.StudyCondition, r.Replicate });
        });
        modelBuilder.Entity<StudyRecord>(study =>
        {
            study.ToTable("studies");
            study.HasKey(s => s.Id);
            study.Property(s => s.Name).HasMaxLength(200);
            study.Property(s => s.Owner).HasMaxLength(200);
            study.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            study.Property(s => s.Identity).HasMaxLength(64);
            study.HasIndex(s => s.Identity);
            study.HasIndex(s => new { s.Status, s.QueueOrder });
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
        modelBuilder.Entity<ShareLinkRecord>(link =>
        {
            link.ToTable("share_links");
            link.HasKey(l => l.Id);
            link.Property(l => l.TokenHash).HasMaxLength(64);
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.Property(l => l.Label).HasMaxLength(200);
            link.Property(l => l.CreatedBy).HasMaxLength(256);
            link.HasOne<RunRecord>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne<StudyRecord>().WithMany().HasForeignKey(l => l.StudyId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne<FamilyRecord>().WithMany().HasForeignKey(l => l.FamilyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<InvitationRecord>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.TokenHash).HasMaxLength(64);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.Property(i => i.Role).HasMaxLength(20);
            invitation.Property(i => i.CreatedBy).HasMaxLength(256);
            invitation.Property(i => i.AcceptedBy).HasMaxLength(256);
        });
    }
}

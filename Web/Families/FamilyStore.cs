using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Families;

/// <summary>Comparisons and sweeps: which runs belong together, in which order, under which label.</summary>
public sealed class FamilyStore(IDbContextFactory<LabDbContext> contexts, RunStore runs, TimeProvider time)
{
    public async Task<Guid> CreateAsync(FamilyKind kind, string name, string? field, string owner,
        IReadOnlyList<(Guid RunId, string Label, double? Value)> members, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var family = new FamilyRecord
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Name = name,
            Field = field,
            Owner = owner,
            CreatedAt = now,
            CreatedOrder = now.UtcTicks,
            Members = [.. members.Select((m, i) => new FamilyMemberRecord { Position = i, RunId = m.RunId, Label = m.Label, Value = m.Value })],
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Families.Add(family);
        await db.SaveChangesAsync(cancellationToken);
        return family.Id;
    }

    public async Task<FamilyInfo?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var family = await db.Families.AsNoTracking().Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return family is null ? null : await ToInfoAsync(family, cancellationToken);
    }

    public async Task<IReadOnlyList<FamilyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var families = await db.Families.AsNoTracking().Include(f => f.Members).OrderByDescending(f => f.CreatedOrder).ToListAsync(cancellationToken);
        var infos = new List<FamilyInfo>(families.Count);
        foreach (var family in families)
        {
            infos.Add(await ToInfoAsync(family, cancellationToken));
        }
        return infos;
    }

    private async Task<FamilyInfo> ToInfoAsync(FamilyRecord family, CancellationToken cancellationToken)
    {
        var members = new List<FamilyMember>();
        foreach (var member in family.Members.OrderBy(m => m.Position))
        {
            if (await runs.InfoAsync(member.RunId, cancellationToken) is { } run)
            {
                members.Add(new FamilyMember(run, member.Label, member.Value));
            }
        }
        return new FamilyInfo(family.Id, family.Kind, family.Name, family.Field, family.CreatedAt, members, family.Owner);
    }
}

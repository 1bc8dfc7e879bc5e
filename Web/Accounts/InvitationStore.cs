using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Security;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Accounts;

/// <summary>Invitations to join the lab. Tokens are never stored, only their SHA-256.</summary>
public sealed class InvitationStore(IDbContextFactory<LabDbContext> contexts, TimeProvider time)
{
    public static string InvitationPath(string token) => $"/account/invite?token={token}";

    public async Task<NewInvitation> CreateAsync(string role, string createdBy, double days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = SecretToken.Create();
        var record = new InvitationRecord
        {
            Id = Guid.NewGuid(),
            TokenHash = SecretToken.Hash(token),
            Role = role,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Invitations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new NewInvitation(Info(record), token, InvitationPath(token));
    }

    /// <summary>The open invitation a token belongs to; null for a malformed, unknown, used, revoked or expired one.</summary>
    public async Task<InvitationInfo?> FindOpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.IsWellFormed(token))
        {
            return null;
        }
        var hash = SecretToken.Hash(token!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return record is not null && SecretToken.Matches(token, record.TokenHash) && Info(record).IsOpenAt(time.GetUtcNow())
            ? Info(record)
            : null;
    }

    /// <summary>Marks an open invitation used; false when someone else used it first (or it closed meanwhile).</summary>
    public async Task<bool> AcceptAsync(Guid id, string userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accepted = await db.Invitations
            .Where(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, userName), cancellationToken);
        return accepted == 1;
    }

    public async Task<IReadOnlyList<InvitationInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Invitations.AsNoTracking().ToListAsync(cancellationToken);
        return [.. records.OrderByDescending(i => i.CreatedAt).Select(Info)];
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invitations
            .Where(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, now), cancellationToken) == 1;
    }

    private static InvitationInfo Info(InvitationRecord r) =>
        new(r.Id, r.Role, r.CreatedBy, r.CreatedAt, r.ExpiresAt, r.AcceptedBy, r.AcceptedAt, r.RevokedAt);
}

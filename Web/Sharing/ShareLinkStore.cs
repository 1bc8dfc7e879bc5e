using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Security;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// Creates, resolves, lists and revokes share links to runs, studies and families. Tokens are never stored, only their
/// SHA-256. Listing and revoking take the subject's id, a run's, a study's or a family's.
/// </summary>
public sealed class ShareLinkStore(IDbContextFactory<LabDbContext> contexts, TimeProvider time)
{
    public Task<NewShareLink> CreateAsync(Guid runId, string createdBy, ShareLinkRequest request, CancellationToken cancellationToken) =>
        CreateAsync(runId, null, null, createdBy, request, cancellationToken);

    public Task<NewShareLink> CreateForStudyAsync(Guid studyId, string createdBy, ShareLinkRequest request, CancellationToken cancellationToken) =>
        CreateAsync(null, studyId, null, createdBy, request, cancellationToken);

    /// <summary>A link to a family (controls, sweep or saved comparison): its page and each of its member runs.</summary>
    public Task<NewShareLink> CreateForFamilyAsync(Guid familyId, string createdBy, ShareLinkRequest request, CancellationToken cancellationToken) =>
        CreateAsync(null, null, familyId, createdBy, request, cancellationToken);

    private async Task<NewShareLink> CreateAsync(Guid? runId, Guid? studyId, Guid? familyId, string createdBy, ShareLinkRequest request,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = SecretToken.Create();
        var record = new ShareLinkRecord
        {
            Id = Guid.NewGuid(),
            RunId = runId,
            StudyId = studyId,
            FamilyId = familyId,
            TokenHash = SecretToken.Hash(token),
            Label = string.IsNullOrWhiteSpace(request.Label) ? null : request.Label.Trim(),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ShareLinks.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new NewShareLink(Info(record), token, SharePath(token));
    }

    public static string SharePath(string token) => $"/s/{token}";

    /// <summary>
    /// Raised (with the link's id) when a link is revoked, on this web instance or (through
    /// <see cref="ShareLinkRevocationRelay"/>) on another, so views opened through it close at once instead of streaming on.
    /// </summary>
    public event Action<Guid>? Revoked;

    /// <summary>Raised when a link is revoked on this instance: what the relay tells the other instances.</summary>
    public event Action<Guid>? RevokedHere;

    /// <summary>Another instance revoked the link: the views opened through it here close too.</summary>
    public void RevokedElsewhere(Guid linkId) => Revoked?.Invoke(linkId);

    /// <summary>The run an active run link shows; null for a study's or family's link or a malformed, unknown, revoked or expired token.</summary>
    public async Task<Guid?> ResolveAsync(string? token, CancellationToken cancellationToken) =>
        (await FindActiveAsync(token, cancellationToken))?.RunId;

    /// <summary>
    /// Whether an active link opens this run: its own run, a replicate of its study, or a member of its family. False for a bad token.
    /// </summary>
    public async Task<bool> OpensRunAsync(string? token, Guid runId, CancellationToken cancellationToken) =>
        await FindActiveAsync(token, cancellationToken) is { } link && await OpensRunAsync(link, runId, cancellationToken);

    /// <summary>Whether a link opens this run: its own run, a replicate of its study, or a member of its family.</summary>
    public async Task<bool> OpensRunAsync(ShareLinkInfo link, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.RunId == runId || (await RunsOpenedAsync(link, cancellationToken)).Contains(runId);
    }

    /// <summary>The runs a link opens: its run, every replicate of its study, or every member of its family.</summary>
    public async Task<IReadOnlyList<Guid>> RunsOpenedAsync(ShareLinkInfo link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.RunId is { } runId)
        {
            return [runId];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (link.FamilyId is { } familyId)
        {
            return await db.FamilyMembers.Where(m => m.FamilyId == familyId).Select(m => m.RunId).ToListAsync(cancellationToken);
        }
        return await db.Runs.Where(r => r.StudyId == link.StudyId).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The active link a token opens; null for a malformed, unknown, revoked or expired token.</summary>
    public async Task<ShareLinkInfo?> FindActiveAsync(string? token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } link && link.IsActiveAt(time.GetUtcNow()) ? link : null;

    /// <summary>The link a token is, active, revoked or expired (what a closed view tells its holder); null for a malformed or unknown token.</summary>
    public async Task<ShareLinkInfo?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretToken.IsWellFormed(token))
        {
            return null;
        }
        var hash = SecretToken.Hash(token!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        // The lookup is by hash, which an attacker cannot steer; the final comparison is constant-time all the same.
        return link is not null && SecretToken.Matches(token, link.TokenHash) ? Info(link) : null;
    }

    /// <summary>The links to a run, a study or a family.</summary>
    public async Task<IReadOnlyList<ShareLinkInfo>> ListAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.RunId == subjectId || l.StudyId == subjectId || l.FamilyId == subjectId)
            .ToListAsync(cancellationToken);
        return [.. links.OrderByDescending(l => l.CreatedAt).Select(Info)];
    }

    /// <summary>Revokes one of a run's, study's or family's links; false when it has no such link or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(Guid subjectId, Guid linkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.FirstOrDefaultAsync(
            l => l.Id == linkId && (l.RunId == subjectId || l.StudyId == subjectId || l.FamilyId == subjectId), cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return false;
        }
        link.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Revoked?.Invoke(linkId);
        RevokedHere?.Invoke(linkId);
        return true;
    }

    private static ShareLinkInfo Info(ShareLinkRecord r) =>
        new(r.Id, r.RunId, r.Label, r.CreatedBy, r.CreatedAt, r.ExpiresAt, r.RevokedAt, r.StudyId, r.FamilyId);
}

namespace LocalityLab.Shared.Sharing;

/// <summary>A read-only link to a run, as its owner sees it (the token itself is shown only once, at creation).</summary>
public sealed record ShareLinkInfo(
    Guid Id, Guid RunId, string? Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

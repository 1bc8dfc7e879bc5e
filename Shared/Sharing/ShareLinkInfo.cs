namespace LocalityLab.Shared.Sharing;

/// <summary>
/// A read-only link to a run, a study or a family (controls, sweep or saved comparison), as its owner sees it (the
/// token itself is shown only once, at creation). Exactly one of <paramref name="RunId"/>, <paramref name="StudyId"/>
/// and <paramref name="FamilyId"/> is set.
/// </summary>
public sealed record ShareLinkInfo(
    Guid Id, Guid? RunId, string? Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    Guid? StudyId = null, Guid? FamilyId = null)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

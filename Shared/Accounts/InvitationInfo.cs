namespace LocalityLab.Shared.Accounts;

/// <summary>An invitation as admins see it (its token is shown only once, at creation).</summary>
public sealed record InvitationInfo(
    Guid Id, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    string? AcceptedBy, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt)
{
    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}

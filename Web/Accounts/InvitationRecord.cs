namespace LocalityLab.Web.Accounts;

/// <summary>An admin's invitation to join the lab with a role; the link's token is stored only as its hash.</summary>
public sealed class InvitationRecord
{
    public Guid Id { get; set; }

    public required string TokenHash { get; set; }

    public required string Role { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? AcceptedBy { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

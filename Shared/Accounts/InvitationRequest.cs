namespace LocalityLab.Shared.Accounts;

/// <summary>An admin's request to invite someone: the role ("Admin" or "Member") and how many days the link lasts.</summary>
public sealed record InvitationRequest(string Role = "Member", double ExpiresInDays = 7)
{
    public const double MaxDays = 90;
}

namespace LocalityLab.Shared.Accounts;

/// <summary>An invitation just created: the only time its token and path are returned.</summary>
public sealed record NewInvitation(InvitationInfo Invitation, string Token, string Path);

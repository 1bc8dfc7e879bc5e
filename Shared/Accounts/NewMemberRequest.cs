namespace LocalityLab.Shared.Accounts;

/// <summary>An admin's request to create a member's account directly: user name, a first password to hand over, and the role.</summary>
public sealed record NewMemberRequest(string UserName, string Password, string Role = "Member");

namespace LocalityLab.Shared.Accounts;

/// <summary>An admin's request to give a member a role ("Admin" or "Member").</summary>
public sealed record RoleRequest(string Role);

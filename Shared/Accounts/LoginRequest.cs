namespace LocalityLab.Shared.Accounts;

/// <summary>The API's sign-in body: it answers with the lab's session cookie.</summary>
public sealed record LoginRequest(string UserName, string Password);

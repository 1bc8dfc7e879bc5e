using System.Security.Claims;
using LocalityLab.Shared.Accounts;

namespace LocalityLab.Web.Tests;

/// <summary>The callers a feature's service is asked by, as sign-in would make them.</summary>
public static class Callers
{
    public static ClaimsPrincipal Member(string name, string role = LabRoles.Member) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public static ClaimsPrincipal Admin(string name) => Member(name, LabRoles.Admin);

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());
}

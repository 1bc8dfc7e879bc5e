using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LocalityLab.Web.Accounts;

/// <summary>
/// Signing in and out. The API sign-in (JSON) serves scripts and tests; people use the form at /account/login.
/// Sign-out is a form post carrying an antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/account/login", async (LoginRequest? login, SignInManager<LabUser> signIn) =>
        {
            if (login is null || string.IsNullOrEmpty(login.UserName) || string.IsNullOrEmpty(login.Password))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["UserName"] = ["UserName and Password are required."] });
            }
            var result = await signIn.PasswordSignInAsync(login.UserName, login.Password, isPersistent: false, lockoutOnFailure: true);
            // Unknown name, wrong password or locked account: one answer, so it reveals no account name.
            return result.Succeeded ? Results.NoContent()
                : Results.Json(new { error = SignInRefusal.Message }, statusCode: StatusCodes.Status401Unauthorized);
        }).AllowAnonymous().RequireRateLimiting(LabRateLimiting.Login);

        app.MapGet("/api/account/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity!.Name,
            roles = LabRoles.All.Where(user.IsInRole).ToArray(),
            sharedRun = user.HasClaim(c => c.Type == LabClaims.SharedStudy) ? null : user.FindFirstValue(LabClaims.SharedRun),
            sharedStudy = user.FindFirstValue(LabClaims.SharedStudy),
        })).RequireAuthorization(LabPolicies.Viewer);

        // A plain form post: minimal APIs validate the antiforgery token of [FromForm] bodies.
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<LabUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization(LabPolicies.Member);
        return app;
    }
}

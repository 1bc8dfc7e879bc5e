using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Api;

namespace LocalityLab.Web.Accounts;

/// <summary>Admins only: the lab's members (create, list, change role, set a password, remove) and invitations; <see cref="MemberDirectory"/> decides.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(LabPolicies.Admin);
        admin.MapGet("/members", (ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) => members.ListAsync(user, ct));
        admin.MapPost("/members", async (HttpRequest request, ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) =>
        {
            var (body, problem) = await SpecRequest.ReadAsync<NewMemberRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var errors = await members.AddAsync(user, body!.UserName, body.Password, body.Role);
            return errors.Count > 0
                ? SpecRequest.Problem(errors)
                : Results.Created($"/api/admin/members/{Uri.EscapeDataString(body.UserName.Trim())}", await members.FindAsync(user, body.UserName.Trim(), ct));
        });
        admin.MapPut("/members/{userName}/role", async (string userName, HttpRequest request, ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) =>
        {
            var (body, problem) = await SpecRequest.ReadAsync<RoleRequest>(request, ct);
            // An unknown member is 404 here as on every member endpoint; a bad role is 400; the last admin's 409.
            return problem ?? (await members.SetRoleAsync(user, userName, body!.Role)).Or(Results.NoContent());
        });
        admin.MapPut("/members/{userName}/password", async (string userName, HttpRequest request, ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) =>
        {
            var (body, problem) = await SpecRequest.ReadAsync<PasswordRequest>(request, ct);
            return problem ?? (await members.SetPasswordAsync(user, userName, body!.Password) switch
            {
                null => Results.NotFound(),
                { Count: > 0 } errors => SpecRequest.Problem(errors),
                _ => Results.NoContent(),
            });
        });
        admin.MapDelete("/members/{userName}", async (string userName, ClaimsPrincipal user, MemberDirectory members) =>
            (await members.RemoveAsync(user, userName)).Or(Results.NoContent()));
        admin.MapGet("/invitations", (ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) => members.InvitationsAsync(user, ct));
        admin.MapPost("/invitations", async (HttpRequest request, ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) =>
        {
            var (body, problem) = await SpecRequest.ReadAsync<InvitationRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var (created, errors) = await members.InviteAsync(user, body, ct);
            return created is null ? SpecRequest.Problem(errors) : Results.Created(created.Path, created);
        });
        admin.MapDelete("/invitations/{id:guid}", async (Guid id, ClaimsPrincipal user, MemberDirectory members, CancellationToken ct) =>
            (await members.RevokeInvitationAsync(user, id, ct)).Or(Results.NoContent()));
        return app;
    }
}

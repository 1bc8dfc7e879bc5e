using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Accounts;

/// <summary>
/// The lab's members and invitations, for the members page, the admin API and the account forms alike. An admin's
/// operations take the caller and refuse anyone but an admin (list, add, change role, set a password, remove; invite,
/// list and revoke invitations); the account forms' operations are authorised by what their caller holds instead: the
/// setup link (<see cref="FirstAdminSetup"/>) or an open invitation (<see cref="JoinAsync"/>).
/// </summary>
public sealed class MemberDirectory(UserManager<LabUser> users, InvitationStore invitations, TimeProvider time)
{
    public const int MaxUserNameLength = 64;

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => users.Users.AnyAsync(cancellationToken);

    /// <summary>Adds a member an admin chose, with the password the admin set; the errors by field, else none.</summary>
    public Task<IReadOnlyList<ValidationError>> AddAsync(ClaimsPrincipal caller, string? userName, string? password, string role)
    {
        Admin(caller);
        return CreateAsync(userName, password, role);
    }

    /// <summary>
    /// The first admin, under the setup link: refused once the lab has any member, so a link another web instance
    /// printed at its start makes no second admin after the first was made anywhere.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> CreateFirstAdminAsync(string? userName, string? password, CancellationToken cancellationToken) =>
        await AnyAsync(cancellationToken)
            ? [new ValidationError("Token", "The lab has its first admin already: sign in, or ask an admin for an invitation.")]
            : await CreateAsync(userName, password, LabRoles.Admin);

    /// <summary>Creates an account: an invited member's, or one an admin adds.</summary>
    public async Task<IReadOnlyList<ValidationError>> CreateAsync(string? userName, string? password, string role)
    {
        var errors = new List<ValidationError>();
        userName = userName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > MaxUserNameLength)
        {
            errors.Add(new ValidationError("UserName", $"UserName must be 1 to {MaxUserNameLength} characters."));
        }
        if (!LabRoles.All.Contains(role))
        {
            errors.Add(new ValidationError("Role", $"Role must be one of {string.Join(", ", LabRoles.All)}; got '{role}'."));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var user = new LabUser { UserName = userName, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => new ValidationError(FieldOf(e), e.Description))];
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? [] : [.. added.Errors.Select(e => new ValidationError("Role", e.Description))];
    }

    public async Task<IReadOnlyList<MemberInfo>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        Admin(caller);
        var all = await users.Users.AsNoTracking().ToListAsync(cancellationToken);
        var admins = (await users.GetUsersInRoleAsync(LabRoles.Admin)).Select(u => u.Id).ToHashSet();
        return [.. all.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new MemberInfo(u.UserName!, admins.Contains(u.Id) ? LabRoles.Admin : LabRoles.Member, u.CreatedAt))];
    }

    public async Task<MemberInfo?> FindAsync(ClaimsPrincipal caller, string userName, CancellationToken cancellationToken)
    {
        Admin(caller);
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var role = await users.IsInRoleAsync(user, LabRoles.Admin) ? LabRoles.Admin : LabRoles.Member;
        return new MemberInfo(user.UserName!, role, user.CreatedAt);
    }

    /// <summary>Gives a member the other role. The last admin cannot step down: the lab would have nobody to run it.</summary>
    public async Task<Refusal?> SetRoleAsync(ClaimsPrincipal caller, string userName, string role)
    {
        Admin(caller);
        if (!LabRoles.All.Contains(role))
        {
            return Refusal.Invalid("Role", $"Role must be one of {string.Join(", ", LabRoles.All)}; got '{role}'.");
        }
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return NoMember(userName);
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(role))
        {
            return null;
        }
        if (current.Contains(LabRoles.Admin) && (await users.GetUsersInRoleAsync(LabRoles.Admin)).Count == 1)
        {
            return Refusal.Conflict("The lab's last admin cannot become a member; make someone else an admin first.");
        }
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user); // signs them out everywhere, so the new role takes effect
        return null;
    }

    /// <summary>
    /// Gives a member a new password chosen by an admin (for one who forgot theirs) and lifts any lockout. Their other
    /// sessions end (the security stamp changes). Null when there is no such member; else the password's problems, if any.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>?> SetPasswordAsync(ClaimsPrincipal caller, string userName, string? password)
    {
        Admin(caller);
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return null;
        }
        // A reset token rather than remove-then-add: the new password is checked before the old one goes.
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password ?? "");
        if (!reset.Succeeded)
        {
            return [.. reset.Errors.Select(e => new ValidationError("Password", e.Description))];
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return [];
    }

    /// <summary>Removes a member (their runs stay, under their name). The last admin cannot be removed.</summary>
    public async Task<Refusal?> RemoveAsync(ClaimsPrincipal caller, string userName)
    {
        Admin(caller);
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return NoMember(userName);
        }
        if (await users.IsInRoleAsync(user, LabRoles.Admin) && (await users.GetUsersInRoleAsync(LabRoles.Admin)).Count == 1)
        {
            return Refusal.Conflict("The lab's last admin cannot be removed.");
        }
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? null : Refusal.Conflict(string.Join(" ", deleted.Errors.Select(e => e.Description)));
    }

    private static Refusal NoMember(string userName) => Refusal.NotFound($"There is no member '{userName}'.");

    /// <summary>The invitations an admin made, open or not.</summary>
    public Task<IReadOnlyList<InvitationInfo>> InvitationsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        Admin(caller);
        return invitations.ListAsync(cancellationToken);
    }

    /// <summary>A new invitation from the calling admin; or the request's errors by field.</summary>
    public async Task<(NewInvitation? Invitation, IReadOnlyList<ValidationError> Errors)> InviteAsync(ClaimsPrincipal caller, InvitationRequest? request,
        CancellationToken cancellationToken)
    {
        string admin = Admin(caller);
        var errors = InvitationRequestValidator.Validate(request);
        return errors.Count > 0 ? (null, errors) : (await invitations.CreateAsync(request!.Role, admin, request.ExpiresInDays, cancellationToken), []);
    }

    /// <summary>Revokes an open invitation; refused when there is no such open one.</summary>
    public async Task<Refusal?> RevokeInvitationAsync(ClaimsPrincipal caller, Guid invitationId, CancellationToken cancellationToken)
    {
        Admin(caller);
        return await invitations.RevokeAsync(invitationId, cancellationToken) ? null : Refusal.NotFound("There is no such open invitation.");
    }

    /// <summary>The open invitation a token holds (the join form's caller); null for a used, revoked, expired or unknown one.</summary>
    public Task<InvitationInfo?> OpenInvitationAsync(string? token, CancellationToken cancellationToken) => invitations.FindOpenAsync(token, cancellationToken);

    /// <summary>
    /// The invitation's holder joins with the name and password they chose, in the invitation's role: the new member, or
    /// the errors by field. Two people racing with one invitation: the second account is removed again and told so.
    /// </summary>
    public async Task<(LabUser? Member, IReadOnlyList<ValidationError> Errors)> JoinAsync(InvitationInfo invitation, string? userName, string? password,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var errors = await CreateAsync(userName, password, invitation.Role);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var member = await users.FindByNameAsync(userName!.Trim());
        if (member is null || !await invitations.AcceptAsync(invitation.Id, member.UserName!, cancellationToken))
        {
            if (member is not null)
            {
                await users.DeleteAsync(member);
            }
            return (null, [new ValidationError("Invitation", "This invitation was used already; ask a lab admin for a new one.")]);
        }
        return (member, []);
    }

    // Only an admin reaches these (the page's and the API's policy turn others away), so anyone else here is a bug.
    private static string Admin(ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true && caller.IsInRole(LabRoles.Admin)
            ? caller.Identity.Name!
            : throw new UnauthorizedAccessException("Only an admin manages the lab's members and invitations.");

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : error.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
        : "Account";
}

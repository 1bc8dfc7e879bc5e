using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Accounts;

/// <summary>The lab's members: create (the first admin, invited members, members an admin adds), list, change role, set a password, remove.</summary>
public sealed class MemberDirectory(UserManager<LabUser> users, TimeProvider time)
{
    public const int MaxUserNameLength = 64;

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => users.Users.AnyAsync(cancellationToken);

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

    public async Task<IReadOnlyList<MemberInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().ToListAsync(cancellationToken);
        var admins = (await users.GetUsersInRoleAsync(LabRoles.Admin)).Select(u => u.Id).ToHashSet();
        return [.. all.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new MemberInfo(u.UserName!, admins.Contains(u.Id) ? LabRoles.Admin : LabRoles.Member, u.CreatedAt))];
    }

    public async Task<MemberInfo?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var role = await users.IsInRoleAsync(user, LabRoles.Admin) ? LabRoles.Admin : LabRoles.Member;
        return new MemberInfo(user.UserName!, role, user.CreatedAt);
    }

    /// <summary>Gives a member the other role. The last admin cannot step down: the lab would have nobody to run it.</summary>
    public async Task<string?> SetRoleAsync(string userName, string role)
    {
        if (!LabRoles.All.Contains(role))
        {
            return $"Role must be one of {string.Join(", ", LabRoles.All)}; got '{role}'.";
        }
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return $"There is no member '{userName}'.";
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(role))
        {
            return null;
        }
        if (current.Contains(LabRoles.Admin) && (await users.GetUsersInRoleAsync(LabRoles.Admin)).Count == 1)
        {
            return "The lab's last admin cannot become a member; make someone else an admin first.";
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
    public async Task<IReadOnlyList<ValidationError>?> SetPasswordAsync(string userName, string? password)
    {
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
    public async Task<string?> RemoveAsync(string userName)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return $"There is no member '{userName}'.";
        }
        if (await users.IsInRoleAsync(user, LabRoles.Admin) && (await users.GetUsersInRoleAsync(LabRoles.Admin)).Count == 1)
        {
            return "The lab's last admin cannot be removed.";
        }
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? null : string.Join(" ", deleted.Errors.Select(e => e.Description));
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : error.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
        : "Account";
}

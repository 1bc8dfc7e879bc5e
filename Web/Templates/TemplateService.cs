using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Templates;

/// <summary>
/// Each member's named specs, for the designer and the API alike: the service takes the caller and decides. A member
/// sees, saves and deletes their own templates only; anyone else is refused. A template's name and spec are checked
/// here, once, with the messages both show.
/// </summary>
public sealed class TemplateService(TemplateStore store)
{
    public const int MaxNameLength = 200;

    public Task<IReadOnlyList<SpecTemplate>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        store.ListAsync(Owner(caller), cancellationToken);

    /// <summary>Saves (or replaces) the caller's template of that name; the reasons it was refused, by field, else none.</summary>
    public async Task<IReadOnlyList<ValidationError>> SaveAsync(ClaimsPrincipal caller, string? name, ExperimentSpec? spec, CancellationToken cancellationToken)
    {
        string owner = Owner(caller);
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return [new ValidationError("Name", $"Name must have 1 to {MaxNameLength} characters; got {name?.Length ?? 0}.")];
        }
        var errors = ExperimentSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return errors;
        }
        await store.SaveAsync(owner, name.Trim(), spec!, cancellationToken);
        return [];
    }

    /// <summary>Deletes the caller's template of that name; refused when they have none.</summary>
    public async Task<Refusal?> DeleteAsync(ClaimsPrincipal caller, string name, CancellationToken cancellationToken) =>
        await store.DeleteAsync(Owner(caller), name, cancellationToken) ? null : Refusal.NotFound($"You have no template named '{name}'.");

    // Only a signed-in member has templates; the API's policy already turns others away, so reaching here without one is a bug.
    private static string Owner(ClaimsPrincipal caller) =>
        RunAccess.IsMember(caller) ? caller.Identity!.Name! : throw new UnauthorizedAccessException("Only a signed-in member has templates.");
}

namespace LocalityLab.Web.Accounts;

/// <summary>
/// A feature's service saying no to its caller, and why, in words a page shows as they are and the API sends as its
/// error. A service method that decides returns null when it did what was asked.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message)
{
    /// <summary>The field an <see cref="RefusalKind.Invalid"/> refusal is about; null for the others.</summary>
    public string? Field { get; init; }

    public static Refusal Invalid(string field, string message) => new(RefusalKind.Invalid, message) { Field = field };

    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message);

    public static Refusal Forbidden(string message) => new(RefusalKind.Forbidden, message);

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message);
}

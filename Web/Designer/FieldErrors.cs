using LocalityLab.Shared.Validation;

namespace LocalityLab.Web.Designer;

/// <summary>Maps the validator's field paths ("Data.Gain", "Data.CorrelationLengths[0]") to the control that shows them.</summary>
public static class FieldErrors
{
    /// <summary>The messages for any of <paramref name="fields"/>, joined; null when there are none.</summary>
    public static string? For(IReadOnlyList<ValidationError>? errors, params string[] fields)
    {
        if (errors is null || errors.Count == 0)
        {
            return null;
        }
        var messages = errors.Where(e => fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}

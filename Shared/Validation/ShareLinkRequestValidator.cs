using LocalityLab.Shared.Sharing;

namespace LocalityLab.Shared.Validation;

/// <summary>Checks a share-link request: every error names its field and the allowed range.</summary>
public static class ShareLinkRequestValidator
{
    public static IReadOnlyList<ValidationError> Validate(ShareLinkRequest? request)
    {
        if (request is null)
        {
            return [new ValidationError("Request", "A share-link request is required.")];
        }
        var errors = new List<ValidationError>();
        if (request.ExpiresInDays is { } days && !(days > 0 && days <= ShareLinkRequest.MaxDays))
        {
            errors.Add(new ValidationError("ExpiresInDays",
                $"ExpiresInDays must be in (0, {ShareLinkRequest.MaxDays}] or left out for a link that lasts until revoked; got {days}."));
        }
        if (request.Label is { Length: > ShareLinkRequest.MaxLabelLength } label)
        {
            errors.Add(new ValidationError("Label", $"Label must be at most {ShareLinkRequest.MaxLabelLength} characters; got {label.Length}."));
        }
        return errors;
    }
}

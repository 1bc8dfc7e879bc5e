using LocalityLab.Shared.Accounts;

namespace LocalityLab.Shared.Validation;

/// <summary>Checks an invitation request: every error names its field and the allowed values.</summary>
public static class InvitationRequestValidator
{
    public static IReadOnlyList<ValidationError> Validate(InvitationRequest? request)
    {
        if (request is null)
        {
            return [new ValidationError("Request", "An invitation request is required.")];
        }
        var errors = new List<ValidationError>();
        if (!LabRoles.All.Contains(request.Role))
        {
            errors.Add(new ValidationError("Role", $"Role must be one of {string.Join(", ", LabRoles.All)}; got '{request.Role}'."));
        }
        if (!(request.ExpiresInDays > 0 && request.ExpiresInDays <= InvitationRequest.MaxDays))
        {
            errors.Add(new ValidationError("ExpiresInDays", $"ExpiresInDays must be in (0, {InvitationRequest.MaxDays}]; got {request.ExpiresInDays}."));
        }
        return errors;
    }
}

using LocalityLab.Web.Accounts;

namespace LocalityLab.Web.Api;

/// <summary>A service's decision as the API answers it: done, or 404, 403 or 409 with the service's words as its error,
/// or 400 naming the field.</summary>
public static class RefusalResults
{
    public static IResult Or(this Refusal? refusal, IResult done) => refusal switch
    {
        null => done,
        { Kind: RefusalKind.NotFound } => Results.NotFound(),
        { Kind: RefusalKind.Invalid } => Results.ValidationProblem(new Dictionary<string, string[]> { [refusal.Field ?? ""] = [refusal.Message] }),
        { Kind: RefusalKind.Forbidden } => Results.Json(new { error = refusal.Message }, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Conflict(new { error = refusal.Message }),
    };
}

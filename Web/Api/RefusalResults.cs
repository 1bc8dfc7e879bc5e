using LocalityLab.Web.Accounts;

namespace LocalityLab.Web.Api;

/// <summary>A service's decision as the API answers it: done, or 404, 403 or 409 with the service's words as its error.</summary>
public static class RefusalResults
{
    public static IResult Or(this Refusal? refusal, IResult done) => refusal switch
    {
        null => done,
        { Kind: RefusalKind.NotFound } => Results.NotFound(),
        { Kind: RefusalKind.Forbidden } => Results.Json(new { error = refusal.Message }, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Conflict(new { error = refusal.Message }),
    };
}

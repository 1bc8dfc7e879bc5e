using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>
/// Guards /api/families/{id}/shares: 404 when there is no such family, 403 (saying why) when the caller may not share
/// it (<see cref="FamilyAccess"/>); otherwise the endpoint runs.
/// </summary>
public sealed class ManagedFamilyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)
            || await http.RequestServices.GetRequiredService<FamilyStore>().FindAsync(id, http.RequestAborted) is not { } family)
        {
            return Results.NotFound();
        }
        return FamilyAccess.ShareRefusal(http.User, family) is { } refusal
            ? Results.Json(new { error = refusal }, statusCode: StatusCodes.Status403Forbidden)
            : await next(context);
    }
}

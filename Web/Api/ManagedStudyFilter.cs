using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>
/// Guards an endpoint on /api/studies/{id}/… that changes a study: 404 when there is no such study, 403 (naming the
/// action) when the caller is neither its owner nor an admin; otherwise the endpoint runs.
/// </summary>
public sealed class ManagedStudyFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)
            || await http.RequestServices.GetRequiredService<StudyStore>().FindAsync(id, http.RequestAborted) is not { } study)
        {
            return Results.NotFound();
        }
        return StudyAccess.CanManage(http.User, study.Owner)
            ? await next(context)
            : Results.Json(new { error = $"Only the study's owner or an admin may {action} it." }, statusCode: StatusCodes.Status403Forbidden);
    }
}

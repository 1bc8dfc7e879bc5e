using LocalityLab.Web.Accounts;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>
/// Guards an endpoint on /api/runs/{id}/… that changes a run: 404 when there is no such run, 403 (naming the action)
/// when the caller is neither its owner nor an admin; otherwise the endpoint runs.
/// </summary>
public sealed class ManagedRunFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)
            || await http.RequestServices.GetRequiredService<RunStore>().FindAsync(id, http.RequestAborted) is not { } run)
        {
            return Results.NotFound();
        }
        return RunAccess.CanManage(http.User, run.Owner)
            ? await next(context)
            : Results.Json(new { error = $"Only the run's owner or an admin may {action} it." }, statusCode: StatusCodes.Status403Forbidden);
    }
}

namespace LocalityLab.Web.Runs;

/// <summary>
/// Guards an endpoint that reads /api/runs/{id}/…: a caller who may not read that run (a share link to another run)
/// gets 404, exactly what a run that does not exist gives, so a link reveals nothing about other runs.
/// </summary>
public sealed class ReadableRunFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id) && ExperimentService.MayRead(http.User, id)
            ? await next(context)
            : Results.NotFound();
    }
}

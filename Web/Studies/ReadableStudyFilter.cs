namespace LocalityLab.Web.Studies;

/// <summary>
/// Guards an endpoint that reads /api/studies/{id}/…: a caller who may not read that study (a share link to something
/// else) gets 404, exactly what a study that does not exist gives.
/// </summary>
public sealed class ReadableStudyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id) && StudyService.MayRead(http.User, id)
            ? await next(context)
            : Results.NotFound();
    }
}

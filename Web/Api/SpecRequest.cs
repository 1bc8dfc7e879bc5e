using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Security;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Api;

/// <summary>
/// Reads a JSON body in the spec's JSON form, at most Security:MaxSpecBytes of it. Malformed JSON becomes a 400 naming
/// where it broke; a body too large a 413; a body that is not JSON a 415. Nothing here throws into the server.
/// </summary>
public static class SpecRequest
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxSpecBytes;
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem($"The body must be JSON (Content-Type: application/json); got '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }
            body.Write(buffer, 0, read);
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body.GetBuffer().AsSpan(0, (int)body.Length), SpecJson.Options);
            return value is null ? (null, Problem([new ValidationError("Spec", "Spec: the body is JSON null; an object is required.")])) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "Spec" : e.Path.TrimStart('$', '.');
            return (null, Problem([new ValidationError(field, $"{field}: {Describe(e)}")]));
        }
    }

    /// <summary>
    /// 400 with the errors by field; 429 with Retry-After when the only trouble is the member's full queue or used-up
    /// allowance (it refills within a minute; a queue frees as runs finish).
    /// </summary>
    public static IResult Problem(IEnumerable<ValidationError> errors)
    {
        var list = errors.ToList();
        var tooMany = list.Count > 0 && list.All(e => e.Field is SubmissionAllowance.QueueField or SubmissionAllowance.RateField);
        var problem = Results.ValidationProblem(list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            statusCode: tooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest);
        return tooMany ? new RetryAfterResult(problem, TimeSpan.FromMinutes(1)) : problem;
    }

    private static IResult TooLarge(int limit) =>
        Results.Problem($"Spec: the body is larger than {limit} bytes, the most this server reads for a spec (Security:MaxSpecBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge);

    // System.Text.Json's message already names the path and what it expected; drop its advice to developers.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

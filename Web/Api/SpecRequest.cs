using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Web.Api;

/// <summary>Reads a JSON body in the spec's JSON form; malformed JSON becomes a 400 naming where it broke.</summary>
public static class SpecRequest
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            return (await request.ReadFromJsonAsync<T>(SpecJson.Options, ct), null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "Spec" : e.Path.TrimStart('$', '.');
            return (null, Problem([new ValidationError(field, $"{field}: {e.Message}")]));
        }
    }

    public static IResult Problem(IEnumerable<ValidationError> errors) =>
        Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}

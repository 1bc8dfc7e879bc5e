using System.Text.Json;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Web.Designer;

/// <summary>The spec as a JSON file: SpecJson's form, read back with an error that names the field.</summary>
public static class SpecFile
{
    public static string Write(ExperimentSpec spec) => JsonSerializer.Serialize(spec, SpecJson.Indented);

    public static (ExperimentSpec? Spec, string? Error) Read(string json)
    {
        try
        {
            var spec = JsonSerializer.Deserialize<ExperimentSpec>(json, SpecJson.Options);
            return spec is null ? (null, "The file holds no spec (it is JSON null).") : (spec, null);
        }
        catch (JsonException e)
        {
            // JsonException.Path is the JSON path of the offending member, e.g. "$.data.gain".
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the document" : e.Path.TrimStart('$', '.');
            return (null, $"Not a valid spec at {field}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

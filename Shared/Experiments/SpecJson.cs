using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// The one JSON form of specs and results, and the one parser of them (API, designer import, command line): camelCase,
/// enums by exact name, no unknown field, no field twice, no comments or trailing commas.
/// </summary>
public static class SpecJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            MaxDepth = 32,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new StrictEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

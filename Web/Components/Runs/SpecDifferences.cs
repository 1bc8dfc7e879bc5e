using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalityLab.Web.Components.Runs;

/// <summary>
/// The spec fields that differ between runs, and labels that name each run by them: "seed 2 · Data.Source
/// gaussianClone" says what two runs both called "Quick demo" do differently. Fields are the specs' JSON leaves by
/// path (Data.CorrelationLengths as one value); the name is left out, being what the labels start from.
/// </summary>
public sealed class SpecDifferences
{
    private SpecDifferences(IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyDictionary<string, string>> values)
    {
        Fields = fields;
        _values = values;
    }

    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _values;

    /// <summary>The differing fields, in the specs' own order ("Seed", "Data.Gain", ...).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Run <paramref name="run"/>'s value of <paramref name="field"/>, "–" where its spec has none.</summary>
    public string Value(int run, string field) => _values[run].GetValueOrDefault(field, "–");

    /// <summary>The specs as stored (JSON), one per run; a spec that does not parse counts as having no fields.</summary>
    public static SpecDifferences Of(IReadOnlyList<string?> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var values = specs.Select(Leaves).ToList();
        var fields = values.SelectMany(v => v.Keys).Distinct()
            .Where(field => field != "Name" && values.Select(v => v.GetValueOrDefault(field)).Distinct().Count() > 1)
            .ToList();
        return new SpecDifferences(fields, values);
    }

    /// <summary>The run's name, then what sets it apart: "Quick demo · Seed 2 · Data.Source gaussianClone".</summary>
    public string Label(int run, string name) =>
        Fields.Count == 0 ? name : $"{name} · {string.Join(" · ", Fields.Take(3).Select(f => $"{Short(f)} {Value(run, f)}"))}";

    // "Data.Gain" reads as "gain" in a legend; the table keeps the full path.
    private static string Short(string field) => field[(field.LastIndexOf('.') + 1)..].ToLowerInvariant() switch
    {
        "source" => "data",
        "control" => "control",
        var other => other,
    };

    private static Dictionary<string, string> Leaves(string? json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonNode? root;
        try
        {
            root = json is null ? null : JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return leaves;
        }
        Walk(root, "", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    string name = char.ToUpperInvariant(key[0]) + key[1..];
                    Walk(child, path.Length == 0 ? name : $"{path}.{name}", leaves);
                }
                break;
            case JsonArray array:
                leaves[path] = "[" + string.Join(", ", array.Select(Text)) + "]";
                break;
            default:
                leaves[path] = Text(node);
                break;
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("G6", CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>A malformed or extreme submission body, the fields it breaks (JSON paths), and whether it is over the size limit.</summary>
public sealed record MalformedSpec(string Kind, string Body, IReadOnlyList<string> Fields, bool TooLarge = false);

/// <summary>
/// Generates malformed and extreme specs from a valid one, deterministically (seeded): out-of-range, NaN and infinite
/// numbers in every numeric field, wrong types in every field, unknown members and enum names, broken, truncated,
/// deep and huge JSON.
/// </summary>
public static class MalformedSpecs
{
    private static readonly JsonNode?[] BadNumbers =
    [
        JsonValue.Create("NaN"), JsonValue.Create("Infinity"), JsonValue.Create("-Infinity"),
        JsonValue.Create(-1e308), JsonValue.Create(1e308), JsonValue.Create(-1.0), JsonValue.Create(1e40),
    ];

    private static readonly Func<JsonNode?>[] WrongTypes =
    [
        () => JsonValue.Create("abc"), () => JsonValue.Create(true), () => new JsonObject(), () => new JsonArray(), () => null,
    ];

    /// <summary>Optional fields: null, and for the paths any string, are valid values there.</summary>
    private static readonly string[] Optional = ["data.imagesPath", "data.labelsPath", "pruning.layers"];

    // A "wrong type" of the same kind as the field's own (a string for a string, a bool for a bool) is no mistake.
    private static bool IsValidThere(string path, JsonNode? original, JsonNode? value) =>
        Kind(value) == Kind(original)
        || (Optional.Contains(path) && (value is null || (path != "pruning.layers" && Kind(value) == JsonValueKind.String)));

    private static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
        _ => node.GetValueKind(),
    };

    public static IReadOnlyList<MalformedSpec> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var valid = JsonNode.Parse(JsonSerializer.Serialize(LabFactory.Spec(), SpecJson.Options))!.AsObject();
        var leaves = Leaves(valid).ToList();
        var numeric = leaves.Where(l => l.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList();
        var cases = new List<MalformedSpec>();

        // Every numeric field with every bad number (a seed takes any integer, so only non-integers break it).
        foreach (var (path, _) in numeric)
        {
            foreach (var bad in BadNumbers)
            {
                if (path == "seed" && bad is JsonValue b && b.GetValueKind() == JsonValueKind.Number && b.GetValue<double>() is -1.0)
                {
                    continue;
                }
                cases.Add(new("bad number", Replace(valid, path, bad?.DeepClone()), [path]));
            }
        }
        // Every field with every wrong type.
        foreach (var (path, node) in leaves)
        {
            foreach (var wrong in WrongTypes)
            {
                var value = wrong();
                if (IsValidThere(path, node, value))
                {
                    continue;
                }
                cases.Add(new("wrong type", Replace(valid, path, value), [path]));
            }
        }
        foreach (var path in leaves.Where(l => l.Node is JsonArray && l.Path != "model.hiddenWidths").Select(l => l.Path))
        {
            cases.Add(new("empty array", Replace(valid, path, new JsonArray()), [path]));
        }
        foreach (var (path, node) in leaves.Where(l => l.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String && l.Path != "name"))
        {
            cases.Add(new("unknown enum name", Replace(valid, path, JsonValue.Create("bogus")), [path]));
            // An enum takes exactly one of its names: not two joined by a comma, not padded, not a number.
            var name = node!.GetValue<string>();
            foreach (var near in new[] { $"{name},{name}", $"{name}, {name}", $" {name}", $"{name}\n", "1", "0" })
            {
                cases.Add(new("near enum name", Replace(valid, path, JsonValue.Create(near)), [path]));
            }
            cases.Add(new("numeric enum", Replace(valid, path, JsonValue.Create(1)), [path]));
        }
        // A field given twice is refused, whichever value comes last.
        foreach (var (field, value) in new[] { ("seed", "4242"), ("name", "\"again\"") })
        {
            var body = valid.ToJsonString();
            cases.Add(new("duplicate key", body[..^1] + $",\"{field}\":{value}}}", [field]));
        }
        foreach (var section in new[] { "", "data", "model", "training", "pruning" })
        {
            var clone = valid.DeepClone().AsObject();
            (section == "" ? clone : clone[section]!.AsObject())["bogusField"] = 1;
            cases.Add(new("unknown member", clone.ToJsonString(), [section == "" ? "bogusField" : $"{section}.bogusField"]));
        }

        // Broken JSON: roots of the wrong kind, truncations, garbage, deep nesting.
        foreach (var root in new[] { "", "null", "[]", "1", "\"spec\"", "{", "}", "{\"name\":}", "{\"name\" \"x\"}", "{'name':'x'}", "{\"name\":\"x\",}" })
        {
            cases.Add(new("broken root", root, ["spec", "name"]));
        }
        var text = valid.ToJsonString();
        for (int i = 0; i < 60; i++)
        {
            var cut = random.Next(1, text.Length - 1);
            cases.Add(new("truncated", text[..cut], []));
        }
        foreach (var depth in new[] { 33, 100, 1_000, 10_000 })
        {
            cases.Add(new("deep nesting", text.Replace("\"gain\":3", "\"gain\":" + new string('[', depth) + new string(']', depth)), ["data.gain"]));
        }

        // Huge values: a name too long but under the body limit (a field error), bodies over the limit (413).
        cases.Add(new("huge name", Replace(valid, "name", JsonValue.Create(new string('x', 50_000))), ["name"]));
        cases.Add(new("huge body", Replace(valid, "name", JsonValue.Create(new string('x', 200_000))), [], TooLarge: true));
        cases.Add(new("huge array", Replace(valid, "data.correlationLengths", new JsonArray([.. Enumerable.Range(0, 100_000).Select(_ => (JsonNode?)JsonValue.Create(1.5))])), [], TooLarge: true));
        cases.Add(new("long array", Replace(valid, "data.correlationLengths", new JsonArray([.. Enumerable.Range(0, 1_000).Select(_ => (JsonNode?)JsonValue.Create(1.5))])), ["data.correlationLengths"]));

        // Fill up with random pairs of bad numbers and wrong types in two fields at once.
        while (cases.Count < count)
        {
            var first = numeric[random.Next(numeric.Count)];
            var second = leaves[random.Next(leaves.Count)];
            if (first.Path == second.Path || first.Path == "seed")
            {
                continue;
            }
            var clone = JsonNode.Parse(Replace(valid, first.Path, BadNumbers[random.Next(BadNumbers.Length)]?.DeepClone()))!.AsObject();
            var wrong = WrongTypes[random.Next(WrongTypes.Length)]();
            if (IsValidThere(second.Path, second.Node, wrong))
            {
                continue;
            }
            cases.Add(new("two bad fields", Replace(clone, second.Path, wrong), [first.Path, second.Path]));
        }
        return cases;
    }

    /// <summary>Every leaf (number, string, bool, null, array) of the spec with its dotted camelCase path.</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonObject node, string prefix = "")
    {
        foreach (var (name, child) in node)
        {
            var path = prefix == "" ? name : $"{prefix}.{name}";
            if (child is JsonObject inner)
            {
                foreach (var leaf in Leaves(inner, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, child);
                if (child is JsonArray array)
                {
                    for (int i = 0; i < array.Count; i++)
                    {
                        yield return ($"{path}[{i}]", array[i]);
                    }
                }
            }
        }
    }

    private static string Replace(JsonObject spec, string path, JsonNode? value)
    {
        var clone = spec.DeepClone().AsObject();
        var parts = path.Split('.');
        JsonNode parent = clone;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!;
        }
        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var index = int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            parent[last[..bracket]]!.AsArray()[index] = value;
        }
        else
        {
            parent[last] = value;
        }
        return clone.ToJsonString();
    }

    public static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");
}

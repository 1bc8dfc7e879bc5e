using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// The identity of a spec (a run's or a study's): SHA-256 of its canonical JSON over the fields that differ from their
/// defaults, keys sorted, names left out. A field added later with a default leaves every stored hash unchanged,
/// so results stored before it stay findable.
/// </summary>
public static class SpecIdentity
{
    private const string NameField = "name";

    public static string Hash<T>(T spec) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(spec);
        var canonical = Canonical(spec).ToJsonString(SpecJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The canonical form: only non-default fields, keys in ordinal order, no names.</summary>
    public static JsonObject Canonical<T>(T spec) where T : class, new()
    {
        var value = JsonSerializer.SerializeToNode(spec, SpecJson.Options)!.AsObject();
        var defaults = JsonSerializer.SerializeToNode(new T(), SpecJson.Options)!.AsObject();
        return WithoutDefaults(value, defaults);
    }

    private static JsonObject WithoutDefaults(JsonObject value, JsonObject? defaults)
    {
        var result = new JsonObject();
        foreach (var (key, node) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key == NameField)
            {
                continue; // A name (the spec's, or a study's base spec's) labels results; it never changes them.
            }
            var fallback = defaults?[key];
            if (node is JsonObject inner && fallback is JsonObject innerDefaults)
            {
                var reduced = WithoutDefaults(inner, innerDefaults);
                if (reduced.Count > 0)
                {
                    result[key] = reduced;
                }
            }
            else if (!JsonNode.DeepEquals(node, fallback))
            {
                result[key] = node?.DeepClone();
            }
        }
        return result;
    }
}

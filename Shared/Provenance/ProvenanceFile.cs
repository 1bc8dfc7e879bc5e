using System.Text.Encodings.Web;
using System.Text.Json;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Provenance;

/// <summary>
/// lab.json, the record of which build computed a run, beside its results (the command line's folder, the export zip).
/// Written for people and scripts, not HTML: "1.0.0+f468bfe" as written, not "1.0.0\u002Bf468bfe".
/// </summary>
public static class ProvenanceFile
{
    public const string Name = "lab.json";

    private static readonly JsonSerializerOptions Options = new(SpecJson.Indented) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(object record) => JsonSerializer.Serialize(record, Options);
}

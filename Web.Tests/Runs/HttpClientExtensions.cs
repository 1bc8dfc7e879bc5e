using System.Text.Json;

namespace LocalityLab.Web.Tests.Runs;

internal static class HttpClientExtensions
{
    /// <summary>Every run GET /api/runs lists, following its pages' cursors.</summary>
    public static async Task<List<JsonElement>> GetAllRunsAsync(this HttpClient client, string query = "")
    {
        var runs = new List<JsonElement>();
        string? cursor = null;
        do
        {
            string separator = query.Length > 0 ? "&" : "";
            using var document = JsonDocument.Parse(await client.GetStringAsync(
                $"/api/runs?{query}{(cursor is null ? "" : $"{separator}cursor={cursor}")}"));
            runs.AddRange(document.RootElement.GetProperty("runs").EnumerateArray().Select(e => e.Clone()));
            cursor = document.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return runs;
    }
}

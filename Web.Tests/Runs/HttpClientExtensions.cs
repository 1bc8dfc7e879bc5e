using System.Text.Json;

namespace LocalityLab.Web.Tests.Runs;

internal static class HttpClientExtensions
{
    public static async Task<List<JsonElement>> GetFromJsonAsyncList(this HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}

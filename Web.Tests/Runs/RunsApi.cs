using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>The runs API as a client sees it.</summary>
public sealed class RunsApi(HttpClient client)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public async Task<(HttpStatusCode Status, RunInfo? Run, string Body)> SubmitAsync(ExperimentSpec spec, bool runAgain = false)
    {
        var response = await client.PostAsync($"/api/runs{(runAgain ? "?runAgain=true" : "")}",
            new StringContent(JsonSerializer.Serialize(spec, SpecJson.Options), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<RunInfo>(body, Json) : null, body);
    }

    /// <summary>Queues a sweep family (POST /api/families/sweep); throws with the answer if it is refused.</summary>
    public async Task<FamilyInfo> SubmitSweepAsync(SweepRequest sweep)
    {
        var response = await client.PostAsync("/api/families/sweep",
            new StringContent(JsonSerializer.Serialize(sweep, SpecJson.Options), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize<FamilyInfo>(body, Json)!
            : throw new InvalidOperationException($"The sweep was refused ({response.StatusCode}): {body}");
    }

    public async Task<RunInfo> RunAsync(Guid id) => (await client.GetFromJsonAsync<RunInfo>($"/api/runs/{id}", Json))!;

    public async Task<List<RoundResult>> RoundsAsync(Guid id) => (await client.GetFromJsonAsync<List<RoundResult>>($"/api/runs/{id}/rounds", SpecJson.Options))!;

    public Task<HttpResponseMessage> PostAsync(string path) => client.PostAsync(path, null);

    /// <summary>Polls until the run is in one of the given states (the worker runs in the background).</summary>
    public async Task<RunInfo> WaitForAsync(Guid id, params RunStatus[] states)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await RunAsync(id);
            if (states.Contains(run.Status))
            {
                return run;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {id} stayed {run.Status}; expected {string.Join(" or ", states)}.");
            }
            await Task.Delay(50);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Tests.Runs;

public sealed class FamilyAndTemplateTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = null!;
    private static readonly JsonSerializerOptions Json = CreateJson();

    public async Task InitializeAsync() => _client = await _lab.ClientAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, object body) =>
        _client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body, SpecJson.Options), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Compare_with_controls_queues_the_nlgp_its_gaussian_clone_and_random_pruning()
    {
        var response = await PostAsync("/api/families/controls", LabFactory.Spec(seed: 41));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var family = JsonSerializer.Deserialize<FamilyInfo>(await response.Content.ReadAsStringAsync(), Json)!;
        Assert.Equal(FamilyKind.Controls, family.Kind);
        Assert.Equal(["NLGP", "Gaussian clone", "Random pruning"], family.Members.Select(m => m.Label));
        var specs = new List<ExperimentSpec>();
        foreach (var member in family.Members)
        {
            specs.Add(JsonSerializer.Deserialize<ExperimentSpec>(await _client.GetStringAsync($"/api/runs/{member.Run.Id}/spec"), SpecJson.Options)!);
        }
        Assert.Equal([DataSource.Nlgp, DataSource.GaussianClone, DataSource.Nlgp], specs.Select(s => s.Data.Source));
        Assert.Equal([PruningControl.None, PruningControl.None, PruningControl.RandomPruning], specs.Select(s => s.Pruning.Control));
        Assert.All(specs, s => Assert.Equal(41, s.Seed));
    }

    [Fact]
    public async Task A_sweep_queues_one_run_per_value_and_refuses_an_invalid_value_naming_it()
    {
        var ok = await PostAsync("/api/families/sweep", new SweepRequest(LabFactory.Spec(seed: 42), "Data.Gain", [0.1, 1, 3, 10]));
        var bad = await PostAsync("/api/families/sweep", new SweepRequest(LabFactory.Spec(seed: 43), "Data.Gain", [1, 300]));
        var unknown = await PostAsync("/api/families/sweep", new SweepRequest(LabFactory.Spec(seed: 43), "Data.Colour", [1, 2]));

        var family = JsonSerializer.Deserialize<FamilyInfo>(await ok.Content.ReadAsStringAsync(), Json)!;
        Assert.Equal([0.1, 1, 3, 10], family.Members.Select(m => m.Value!.Value));
        Assert.Equal("Data.Gain", family.Field);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Data.Gain = 300: Data.Gain must be a number in [0, 100]; got 300.", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Field must be one of", await unknown.Content.ReadAsStringAsync());
        // All or nothing: the refused sweep queued nothing.
        var runs = await _client.GetAllRunsAsync();
        Assert.Equal(4, runs.Count);
    }

    [Fact]
    public async Task Templates_save_list_replace_and_delete()
    {
        var spec = LabFactory.Spec(seed: 44);
        var put = await _client.PutAsync("/api/templates/my%20template",
            new StringContent(JsonSerializer.Serialize(spec, SpecJson.Options), Encoding.UTF8, "application/json"));
        await _client.PutAsync("/api/templates/my%20template",
            new StringContent(JsonSerializer.Serialize(spec with { Seed = 45 }, SpecJson.Options), Encoding.UTF8, "application/json"));
        var invalid = await _client.PutAsync("/api/templates/bad",
            new StringContent(JsonSerializer.Serialize(spec with { Training = spec.Training with { LearningRate = -1 } }, SpecJson.Options), Encoding.UTF8, "application/json"));

        var list = JsonSerializer.Deserialize<List<SpecTemplate>>(await _client.GetStringAsync("/api/templates"), SpecJson.Options)!;
        var deleted = await _client.DeleteAsync("/api/templates/my%20template");
        var again = await _client.DeleteAsync("/api/templates/my%20template");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var saved = Assert.Single(list);
        Assert.Equal(("my template", 45L), (saved.Name, saved.Spec.Seed));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, again.StatusCode));
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

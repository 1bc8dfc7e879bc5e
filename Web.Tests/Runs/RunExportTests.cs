using System.Globalization;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>Issue 11: a run records the build that computed it, and its spec and measures download as files.</summary>
public sealed class RunExportTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _lab.ClientAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task A_computed_run_names_its_build_and_downloads_its_spec_and_every_round_s_measures()
    {
        var api = new RunsApi(_client);
        var (_, queued, body) = await api.SubmitAsync(LabFactory.Spec(rounds: 2, seed: 808) with { Name = "export me" });
        Assert.True(queued is not null, body);
        var run = await api.WaitForAsync(queued!.Id, RunStatus.Completed);
        var rounds = await api.RoundsAsync(run.Id);

        using var csv = await _client.GetAsync($"/api/runs/{run.Id}/rounds.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var spec = await _client.GetAsync($"/api/runs/{run.Id}/spec.json");
        using var json = await _client.GetAsync($"/api/runs/{run.Id}/rounds.json");

        Assert.Equal(LabVersion.Current, run.ComputedBy);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(rounds.Count + 1, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(rounds[^1].Sparsity, double.Parse(lines[^1].Split(',')[Array.IndexOf(header, "sparsity")], CultureInfo.InvariantCulture));
        Assert.Equal(await _client.GetStringAsync($"/api/runs/{run.Id}/spec"), await spec.Content.ReadAsStringAsync());
        Assert.Equal("spec.json", spec.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(await _client.GetStringAsync($"/api/runs/{run.Id}/rounds"), await json.Content.ReadAsStringAsync());
    }
}

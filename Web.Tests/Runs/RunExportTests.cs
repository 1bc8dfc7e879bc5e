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
        Assert.Equal($"{Environment.MachineName} (cpu)", run.ComputedOn); // the worker that computed it: machine and device
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

    [Fact]
    public async Task The_export_zip_holds_the_spec_the_build_the_measures_and_every_round_s_arrays_and_atlas()
    {
        var api = new RunsApi(_client);
        var (_, queued, body) = await api.SubmitAsync(LabFactory.Spec(rounds: 2, seed: 909) with { Name = "Take Away" });
        Assert.True(queued is not null, body);
        var run = await api.WaitForAsync(queued!.Id, RunStatus.Completed);

        using var response = await _client.GetAsync($"/api/runs/{run.Id}/export.zip");
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        string Text(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"take-away-{run.Id.ToString()[..8]}.zip", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(
            ["README.md", "lab.json", "round-00-atlas.png", "round-00.npz", "round-01-atlas.png", "round-01.npz", "round-02-atlas.png", "round-02.npz", "rounds.csv", "rounds.json", "spec.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(await _client.GetStringAsync($"/api/runs/{run.Id}/spec"), Text("spec.json"));
        Assert.Equal(await _client.GetStringAsync($"/api/runs/{run.Id}/rounds.csv"), Text("rounds.csv"));
        Assert.Contains($"\"computedBy\": \"{LabVersion.Current}\"", Text("lab.json"));
        Assert.Contains("np.load", Text("README.md"));
        // The same arrays a round's own download gives.
        var npz = await _client.GetByteArrayAsync($"/api/runs/{run.Id}/rounds/1/arrays.npz");
        using var stream = new MemoryStream();
        using (var entry = zip.GetEntry("round-01.npz")!.Open())
        {
            entry.CopyTo(stream);
        }
        Assert.Equal(npz, stream.ToArray());
    }
}

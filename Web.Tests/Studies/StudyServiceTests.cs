using System.Net;
using System.Text.Json;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Studies;

/// <summary>A study through the lab: stored, queued, trained by the study worker, its replicates runs of their own.</summary>
public sealed class StudyServiceTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = null!;
    private StudiesApi _api = null!;

    public async Task InitializeAsync()
    {
        _client = await _lab.ClientAsync();
        _api = new StudiesApi(_client);
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task A_study_stores_every_replicate_as_a_run_with_the_engines_results_and_the_statistics_of_them_all()
    {
        var study = StudiesApi.Small();
        var (status, info, body) = await _api.SubmitAsync(study);
        Assert.True(status == HttpStatusCode.Created, body);

        var done = await _api.WaitForAsync(info!.Id, RunStatus.Completed);

        // Every condition and seed is a completed run with all its rounds; none is listed among the lab's own runs.
        Assert.Equal(5 * 2, done.Runs.Count);
        Assert.All(done.Runs, r => Assert.Equal((RunStatus.Completed, study.RoundCount(r.Condition)), (r.Status, r.RoundsCompleted)));
        Assert.Equal(done.Runs.Sum(r => r.TotalRounds), done.Study.RoundsCompleted);
        Assert.Equal(done.Study.TotalRounds, done.Study.RoundsCompleted);
        var listed = await _client.GetAllRunsAsync();
        Assert.Empty(listed);

        // What is stored is what the engine computes for the same study, round for round.
        var engine = await StudiesApi.EngineAsync(_lab, study);
        var runs = new RunsApi(_client);
        var observations = new List<StudyObservation>();
        foreach (var replicate in done.Runs)
        {
            var stored = await runs.RoundsAsync(replicate.RunId);
            Assert.Equal(engine[(replicate.Condition, replicate.Replicate)], Normalise(stored));
            observations.AddRange(stored.Select(r => StudyObservations.Of(replicate.Condition, replicate.Replicate, r)));
        }

        // The page's statistics are those of every stored round, and the files say the same.
        // The small spec's class-1 kernel (xi = 2 on a 6 x 6 torus) is clipped: the summary carries sample's warning.
        var warning = Assert.Single(done.Summary!.Warnings);
        Assert.StartsWith("warning (xi = 2, p = 2): Class 1's latent kernel is not a valid covariance", warning, StringComparison.Ordinal);
        var expected = _lab.Service<ILabEngine>().Summarize(study, observations);
        Assert.Equal(JsonSerializer.Serialize(expected, SpecJson.Options), JsonSerializer.Serialize(done.Summary, SpecJson.Options));
        var summaryJson = JsonSerializer.Deserialize<StudySummary>(await _client.GetStringAsync($"/api/studies/{info.Id}/summary.json"), SpecJson.Options)!;
        // A claim's checks are a list, which record equality compares by reference: compare what is written.
        Assert.Equal(JsonSerializer.Serialize(expected.Claims, SpecJson.Options), JsonSerializer.Serialize(summaryJson.Claims, SpecJson.Options));
        var csv = await _client.GetStringAsync($"/api/studies/{info.Id}/summary.csv");
        Assert.StartsWith(LocalityLab.Shared.Export.StudySummaryCsv.Header, csv, StringComparison.Ordinal);
        Assert.Contains("\nclaim,imp,nonGaussianityIndex,oneShot,2,", csv, StringComparison.Ordinal);
        var spec = JsonSerializer.Deserialize<StudySpec>(await _client.GetStringAsync($"/api/studies/{info.Id}/study.json"), SpecJson.Options)!;
        Assert.Equal(study.Identity, spec.Identity);

        // The same study again is the stored one, unless asked to run again.
        var (again, same, _) = await _api.SubmitAsync(study with { Name = "another name" });
        Assert.Equal((HttpStatusCode.OK, info.Id), (again, same!.Id));
    }

    [Fact]
    public async Task A_study_exports_every_replicate_s_measures_and_arrays_as_its_runs_give_them()
    {
        var study = StudiesApi.Small(replicates: 1) with { Name = "Take Away", Conditions = [StudyCondition.Imp, StudyCondition.GaussianClone] };
        var id = (await _api.SubmitAsync(study)).Study!.Id;
        var done = await _api.WaitForAsync(id, RunStatus.Completed);
        Assert.All(done.Runs, r => Assert.Equal($"{Environment.MachineName} (cpu)", r.ComputedOn)); // which worker computed each replicate

        // replicates.csv: a run's rounds.csv rows, each after the replicate it belongs to.
        var csv = (await _client.GetStringAsync($"/api/studies/{id}/replicates.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(LocalityLab.Shared.Export.StudyReplicatesCsv.Header, csv[0]);
        var expected = new List<string>();
        foreach (var replicate in done.Runs)
        {
            var runCsv = (await _client.GetStringAsync($"/api/runs/{replicate.RunId}/rounds.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            expected.AddRange(runCsv.Skip(1).Select(row => $"{replicate.Condition.Key},{replicate.Replicate},{replicate.Seed},{replicate.RunId},{row}"));
        }
        Assert.Equal(expected, csv.Skip(1));
        Assert.Equal(done.Runs.Sum(r => r.RoundsCompleted), csv.Length - 1);
        using (var json = JsonDocument.Parse(await _client.GetStringAsync($"/api/studies/{id}/replicates.json")))
        {
            Assert.Equal(done.Runs.Select(r => r.RoundsCompleted), json.RootElement.EnumerateArray().Select(r => r.GetProperty("rounds").GetArrayLength()));
        }

        using var response = await _client.GetAsync($"/api/studies/{id}/export.zip");
        Assert.Equal($"take-away-{id.ToString()[..8]}.zip", response.Content.Headers.ContentDisposition!.FileName);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        byte[] Bytes(string name)
        {
            using var stream = new MemoryStream();
            using (var entry = (zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"no {name} in the zip")).Open())
            {
                entry.CopyTo(stream);
            }
            return stream.ToArray();
        }
        string Text(string name) => System.Text.Encoding.UTF8.GetString(Bytes(name));

        Assert.Equal(await _client.GetStringAsync($"/api/studies/{id}/summary.csv"), Text("summary.csv"));
        Assert.Equal(await _client.GetStringAsync($"/api/studies/{id}/replicates.csv"), Text("replicates.csv"));
        Assert.Equal(study.Identity, JsonSerializer.Deserialize<StudySpec>(Text("study.json"), SpecJson.Options)!.Identity);
        Assert.Contains($"\"{LocalityLab.Shared.Provenance.LabVersion.Current}\"", Text("lab.json"), StringComparison.Ordinal);
        Assert.Contains("pd.read_csv(\"replicates.csv\")", Text("README.md"), StringComparison.Ordinal);
        // Every replicate's every round, the same arrays its run's own download gives.
        var clone = done.Runs.Single(r => r.Condition == StudyCondition.GaussianClone);
        Assert.Equal(done.Runs.Sum(r => 2 * r.RoundsCompleted), zip.Entries.Count(e => e.FullName.StartsWith("replicates/", StringComparison.Ordinal)));
        Assert.Equal(await _client.GetByteArrayAsync($"/api/runs/{clone.RunId}/rounds/1/arrays.npz"), Bytes("replicates/gaussianClone-00/round-01.npz"));
    }

    [Fact]
    public async Task A_replicate_is_managed_with_its_study_and_deleting_the_study_deletes_its_runs()
    {
        var study = StudiesApi.Small(replicates: 1) with { Conditions = [StudyCondition.Imp, StudyCondition.RandomPruning] };
        var id = (await _api.SubmitAsync(study)).Study!.Id;
        var done = await _api.WaitForAsync(id, RunStatus.Completed);
        var replicate = done.Runs[0].RunId;

        var runInfo = await new RunsApi(_client).RunAsync(replicate);
        var cancel = await _api.PostAsync($"/api/runs/{replicate}/cancel");
        var resume = await _api.PostAsync($"/api/runs/{replicate}/resume");
        var deleteRun = await _client.DeleteAsync($"/api/runs/{replicate}");
        var deleteStudy = await _client.DeleteAsync($"/api/studies/{id}");
        var gone = await _client.GetAsync($"/api/runs/{replicate}");

        Assert.Equal(id, runInfo.StudyId);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (cancel.StatusCode, resume.StatusCode, deleteRun.StatusCode));
        Assert.Contains("deleted with its study", await deleteRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleteStudy.StatusCode, gone.StatusCode));
    }

    [Fact]
    public async Task A_bad_study_is_refused_naming_the_field_and_range_and_nothing_is_queued()
    {
        var (tooMany, _, body) = await _api.SubmitAsync(StudiesApi.Small() with { Replicates = 65 });
        var (cloneOfIsing, _, cloneBody) = await _api.SubmitAsync(StudiesApi.Small() with
        {
            Base = StudiesApi.Small().Base with { Data = StudiesApi.Small().Base.Data with { Source = DataSource.Ising } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.Contains("Replicates must be in [1, 64]; got 65.", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cloneOfIsing);
        Assert.Contains("Base.Data.Source", cloneBody, StringComparison.Ordinal);
        var list = JsonSerializer.Deserialize<List<StudyInfo>>(await _client.GetStringAsync("/api/studies"), SpecJson.Options)!;
        Assert.Empty(list);
    }

    internal static List<string> Normalise(IEnumerable<RoundResult> rounds) =>
        [.. rounds.Select(r => JsonSerializer.Serialize(r with { Seconds = 0 }, SpecJson.Options))];
}

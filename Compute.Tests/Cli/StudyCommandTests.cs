using System.Text.Json;
using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Tests.Studies;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Compute.Tests.Cli;

public sealed class StudyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("locality-study-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<int> InvokeAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Compute:Device"] = "cpu" }).Build();
        using var services = new ServiceCollection().AddLocalityLabCompute(configuration).BuildServiceProvider();
        return await ComputeCommandLine.Create(services, _output, _error).Parse(args).InvokeAsync();
    }

    private string WriteStudy(StudySpec study)
    {
        var path = Path.Combine(_folder, "study.json");
        File.WriteAllText(path, JsonSerializer.Serialize(study, SpecJson.Indented));
        return path;
    }

    [Fact]
    public async Task Study_writes_every_replicate_run_and_a_summary_of_bands_and_claims()
    {
        var study = StudyRunnerTests.Small();
        var outDir = Path.Combine(_folder, "out");

        int exit = await InvokeAsync("study", WriteStudy(study), "--out", outDir);

        Assert.True(exit == 0, _error.ToString());
        foreach (var condition in study.Conditions)
        {
            for (int r = 0; r < study.Replicates; r++)
            {
                var folder = Path.Combine(outDir, condition.Key, $"rep-{r}");
                Assert.Equal(study.RoundCount(condition), File.ReadAllLines(Path.Combine(folder, "rounds.jsonl")).Length);
                var spec = JsonSerializer.Deserialize<ExperimentSpec>(File.ReadAllText(Path.Combine(folder, "spec.json")), SpecJson.Options)!;
                Assert.Equal(study.ReplicateSpec(condition, r).Identity, spec.Identity);
            }
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var bands = summary.RootElement.GetProperty("bands").EnumerateArray().ToList();
        var accuracy = bands.Single(b => b.GetProperty("condition").GetString() == "imp"
            && b.GetProperty("measure").GetString() == StudyMeasures.TestAccuracy && b.GetProperty("round").GetInt32() == 2);
        Assert.Equal(2, accuracy.GetProperty("values").GetArrayLength());
        double low = accuracy.GetProperty("low").GetDouble(), high = accuracy.GetProperty("high").GetDouble();
        Assert.InRange(accuracy.GetProperty("mean").GetDouble(), low, high);

        var claims = summary.RootElement.GetProperty("claims").EnumerateArray().ToList();
        foreach (var field in new[] { "id", "against", "round", "sparsity", "mean", "low", "high", "n", "verdict" })
        {
            Assert.All(claims, c => Assert.True(c.TryGetProperty(field, out _), $"a claim without {field}"));
        }
        Assert.Contains(claims, c => c.GetProperty("id").GetString() == "C1" && c.GetProperty("against").GetString() == "gaussianClone");
        Assert.Contains(claims, c => c.GetProperty("against").GetString() == "oneShot" && c.GetProperty("round").GetInt32() == 2);
        Assert.All(claims, c => Assert.Contains(c.GetProperty("verdict").GetString(), new[] { "supported", "contradicted", "notResolved", "notSpecific" }));
        Assert.StartsWith("kind,condition,measure", File.ReadLines(Path.Combine(outDir, "summary.csv")).First(), StringComparison.Ordinal);
        Assert.Contains("C1", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("95% CI", _output.ToString(), StringComparison.Ordinal);

        // Round 0 and growth rows, on the terminal and in summary.json.
        Assert.Contains(claims, c => c.GetProperty("id").GetString() == "C1" && c.GetProperty("round").GetInt32() == 0);
        Assert.Contains(claims, c => c.GetProperty("comparison").GetString() == "growth" && c.GetProperty("round").GetInt32() == 2);
        Assert.Contains("Before pruning (round 0, the trained dense network), ", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("From round 0 to IMP round 2 ", _output.ToString(), StringComparison.Ordinal);
        Assert.True(summary.RootElement.TryGetProperty("disagreements", out _));

        // The small spec's class-1 kernel (xi = 2 on a 6 x 6 torus) is clipped: the same warning `sample` prints, on the
        // terminal and in summary.json.
        const string Warning = "warning (xi = 2, p = 2): Class 1's latent kernel is not a valid covariance on this periodic lattice";
        Assert.Contains(Warning, _error.ToString(), StringComparison.Ordinal);
        var warnings = summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.StartsWith(Warning, Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_of_a_finished_study_trains_nothing_and_writes_the_same_summary()
    {
        var study = StudyRunnerTests.Small(replicates: 1) with { Conditions = [StudyCondition.Imp, StudyCondition.OneShot] };
        var outDir = Path.Combine(_folder, "out");
        Assert.Equal(0, await InvokeAsync("study", WriteStudy(study), "--out", outDir));
        var summary = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        var rounds = File.ReadAllText(Path.Combine(outDir, "imp", "rep-0", "rounds.jsonl"));

        Assert.Equal(0, await InvokeAsync("study", WriteStudy(study), "--out", outDir, "--resume"));

        Assert.Equal(rounds, File.ReadAllText(Path.Combine(outDir, "imp", "rep-0", "rounds.jsonl")));
        Assert.Equal(summary, File.ReadAllText(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public async Task A_bad_study_names_the_field_and_its_range_and_writes_nothing()
    {
        var study = StudyRunnerTests.Small() with { Replicates = 65, Conditions = [StudyCondition.OneShot] };
        var outDir = Path.Combine(_folder, "out");

        int exit = await InvokeAsync("study", WriteStudy(study), "--out", outDir);

        Assert.Equal(ComputeCommandLine.BadInput, exit);
        Assert.Contains("Replicates must be in [1, 64]; got 65.", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Conditions must include imp", _error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_study_will_not_overwrite_a_folder_in_use_without_resume()
    {
        var outDir = Directory.CreateDirectory(Path.Combine(_folder, "used")).FullName;
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");

        int exit = await InvokeAsync("study", "--preset", StudyPresets.PaperComparison, "--out", outDir);

        Assert.Equal(ComputeCommandLine.BadInput, exit);
        Assert.Contains("is not empty", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
    }

    [Fact]
    public async Task Presets_lists_the_study_presets_with_what_each_runs()
    {
        Assert.Equal(0, await InvokeAsync("presets"));

        string listed = _output.ToString();
        Assert.Contains("studies (study --preset NAME):", listed, StringComparison.Ordinal);
        foreach (var (name, study) in StudyPresets.All)
        {
            Assert.Contains($"  {name}: {StudyPresets.Describe(study)}", listed, StringComparison.Ordinal);
        }
        Assert.Contains("  Quick demo", listed, StringComparison.Ordinal);
        Assert.Contains("Smoke test", listed, StringComparison.Ordinal);
    }
}

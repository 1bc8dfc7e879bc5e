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
                var folder = Path.Combine(outDir, StudyConditions.Key(condition), $"rep-{r}");
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
        Assert.All(claims, c => Assert.Contains(c.GetProperty("verdict").GetString(), new[] { "supported", "contradicted", "notResolved" }));
        Assert.StartsWith("kind,condition,measure", File.ReadLines(Path.Combine(outDir, "summary.csv")).First(), StringComparison.Ordinal);
        Assert.Contains("C1", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("95% CI", _output.ToString(), StringComparison.Ordinal);
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
}

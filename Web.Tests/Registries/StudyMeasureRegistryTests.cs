using System.Text.Json;
using Bunit;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// A study measure is its descriptor and one registration (issue 24): registered, a test-only measure is recorded in
/// every observation, banded by the engine's statistics, written to summary.json and summary.csv, and charted on the
/// study page with its title and axis; unregistered, it is gone from all of them.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class StudyMeasureRegistryTests : IAsyncLifetime
{
    private const string Key = "testOnlyHalfAccuracy";

    private static readonly StudyMeasure HalfAccuracy =
        new(Key, "Half the test accuracy (test only)", "half a fraction correct", r => r.TestAccuracy / 2) { Chart = 99 };

    private static readonly StudySpec Study = new()
    {
        Name = "registry",
        Seed = 5,
        Replicates = 2,
        Conditions = [StudyCondition.Imp],
        Base = PageLab.Spec("base", rounds: 2),
    };

    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    /// <summary>Replicate r's round k has test accuracy 0.6 + 0.05 k + 0.1 r.</summary>
    private static List<StudyObservation> Observations() =>
    [
        .. from replicate in Enumerable.Range(0, Study.Replicates)
           from round in Enumerable.Range(0, Study.Base.Pruning.Rounds + 1)
           let result = PageLab.Round(round) with { TestAccuracy = 0.6 + 0.05 * round + 0.1 * replicate }
           select StudyObservations.Of(StudyCondition.Imp, replicate, result),
    ];

    [Fact]
    public async Task A_registered_measure_is_recorded_banded_written_and_charted_and_gone_once_unregistered()
    {
        StudySummary summary;
        using (StudyMeasures.Register(HalfAccuracy))
        {
            var observations = Observations();
            Assert.All(observations, o => Assert.Equal(o.Values[StudyMeasures.TestAccuracy] / 2, o.Values[Key], 15));

            summary = _lab.Context.Services.GetRequiredService<ILabEngine>().Summarize(Study, observations);
            var band = summary.Bands.Single(b => b.Condition == StudyCondition.Imp && b.Measure == Key && b.Round == 1);
            Assert.Equal(((0.65 / 2) + (0.75 / 2)) / 2, band.Mean!.Value, 12); // the mean over the two replicates
            Assert.Equal(2, band.N);
            Assert.Equal(Key, summary.Bands.Where(b => b.Condition == StudyCondition.Imp).Select(b => b.Measure).Distinct().Last());

            using var csv = new StringWriter();
            StudySummaryCsv.Write(summary, csv);
            Assert.Equal(3, csv.ToString().Split('\n').Count(line => line.Contains($",{Key},", StringComparison.Ordinal)));
            Assert.Contains($"\"{Key}\"", JsonSerializer.Serialize(summary, SpecJson.Options), StringComparison.Ordinal);

            var page = await RenderStudyPageAsync(summary);
            var chart = page.FindComponents<LineChart>().Last().Instance;
            Assert.Equal((HalfAccuracy.Title, HalfAccuracy.Axis), (chart.Title, chart.YTitle));
            Assert.Equal([0.3 + 0.025, 0.3 + 0.05, 0.3 + 0.075], chart.Series.Single().Y.Select(y => Math.Round(y!.Value, 12)));
        }

        Assert.DoesNotContain(Observations(), o => o.Values.ContainsKey(Key));
        Assert.DoesNotContain(StudyMeasures.Charted, m => m.Key == Key);
        var without = await RenderStudyPageAsync(summary); // a summary stored while it was registered still has its bands
        Assert.DoesNotContain(without.FindComponents<LineChart>(), c => c.Instance.Title == HalfAccuracy.Title);
    }

    [Fact]
    public void A_key_already_registered_is_refused()
    {
        var twice = Assert.Throws<ArgumentException>(() => StudyMeasures.Register(HalfAccuracy with { Key = StudyMeasures.LocalityIndex }));

        Assert.Contains("'localityIndex'", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, StudyMeasures.All.Count(m => m.Key == StudyMeasures.LocalityIndex));
    }

    private async Task<IRenderedComponent<StudyPage>> RenderStudyPageAsync(StudySummary summary)
    {
        var study = await _lab.Studies.CreateAsync(Study, "lab", CancellationToken.None);
        await _lab.Studies.SaveSummaryAsync(study.Id, summary, CancellationToken.None);
        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<LineChart>()));
        return page;
    }
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Components.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class SpecDifferencesTests
{
    private static string Json(ExperimentSpec spec) => JsonSerializer.Serialize(spec, SpecJson.Options);

    [Fact]
    public void Runs_of_one_name_are_labelled_by_the_fields_that_differ_and_only_those()
    {
        var quick = ExperimentPresets.Quick;
        var clone = quick with { Seed = 2, Data = quick.Data with { Source = DataSource.GaussianClone } };
        var gain = quick with { Data = quick.Data with { Gain = 3 } };

        var differences = SpecDifferences.Of([Json(quick), Json(clone), Json(gain)]);

        Assert.Equal(["Seed", "Data.Source", "Data.Gain"], differences.Fields);
        Assert.Equal("Quick demo · seed 1 · data nlgp · gain 10", differences.Label(0, quick.Name));
        Assert.Equal("Quick demo · seed 2 · data gaussianClone · gain 10", differences.Label(1, clone.Name));
        Assert.Equal("3", differences.Value(2, "Data.Gain"));
        Assert.Equal(3, new[] { 0, 1, 2 }.Select(i => differences.Label(i, "Quick demo")).Distinct().Count());
    }

    [Fact]
    public void Lists_compare_whole_and_names_and_unreadable_specs_do_not_count()
    {
        var quick = ExperimentPresets.Quick;
        var longer = quick with { Name = "other name", Data = quick.Data with { CorrelationLengths = [1, 3] } };

        var differences = SpecDifferences.Of([Json(quick), Json(longer), "{ not json"]);

        Assert.Contains("Data.CorrelationLengths", differences.Fields);
        Assert.DoesNotContain("Name", differences.Fields);
        Assert.Equal("[1, 3]", differences.Value(1, "Data.CorrelationLengths"));
        Assert.Equal("–", differences.Value(2, "Data.CorrelationLengths"));
        Assert.Empty(SpecDifferences.Of([Json(quick), Json(quick with { Name = "renamed" })]).Fields);
    }
}

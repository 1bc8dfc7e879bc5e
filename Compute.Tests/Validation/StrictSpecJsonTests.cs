using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Validation;

/// <summary>The one spec parser (API, designer import, command line) takes only what a spec can say, exactly.</summary>
public sealed class StrictSpecJsonTests
{
    [Theory]
    [InlineData("""{"data": {"source": "nlgp,gaussianClone"}}""", "data.source")]
    [InlineData("""{"model": {"activation": "relu, tanh"}}""", "model.activation")]
    [InlineData("""{"data": {"source": " nlgp"}}""", "data.source")]
    [InlineData("""{"data": {"source": "Ising\n"}}""", "data.source")]
    [InlineData("""{"data": {"source": "1"}}""", "data.source")]
    [InlineData("""{"data": {"source": 1}}""", "data.source")]
    [InlineData("""{"seed": -5, "seed": 4242}""", "seed")]
    [InlineData("""{"seeed": 4242}""", "seeed")]
    [InlineData("""{"data": {"gian": 3}}""", "gian")]
    public void A_spec_that_is_not_exactly_a_spec_is_refused(string json, string field)
    {
        var refused = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ExperimentSpec>(json, SpecJson.Options));

        Assert.Contains(field, refused.Message + " " + refused.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_enum_value_names_the_allowed_names_and_no_dotnet_type()
    {
        var refused = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize<ExperimentSpec>("""{"data": {"source": "nlgp,gaussianClone"}}""", SpecJson.Options));

        Assert.Contains("nlgp, gaussianClone, ising", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LocalityLab", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_in_any_case_the_json_form_writes_and_studies_too_round_trip()
    {
        var spec = JsonSerializer.Deserialize<ExperimentSpec>("""{"data": {"source": "GaussianClone"}, "model": {"activation": "tanh"}}""", SpecJson.Options)!;
        var study = JsonSerializer.Deserialize<StudySpec>(JsonSerializer.Serialize(StudyPresets.Paper, SpecJson.Options), SpecJson.Options)!;

        Assert.Equal((DataSource.GaussianClone, Activation.Tanh), (spec.Data.Source, spec.Model.Activation));
        Assert.Equal(StudyPresets.Paper.Identity, study.Identity);
        Assert.Equal(StudyPresets.Paper.Conditions, study.Conditions);
    }
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Tests.Validation;

public sealed class ExperimentSpecValidatorTests
{
    private static readonly ExperimentSpec Valid = ExperimentPresets.Quick;

    [Fact]
    public void Every_preset_is_valid()
    {
        foreach (var (name, spec) in ExperimentPresets.All)
        {
            var errors = ExperimentSpecValidator.Validate(spec);
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
        }
    }

    public static TheoryData<string, Func<ExperimentSpec, ExperimentSpec>, string> Invalid => new()
    {
        { "Data.Gain", s => s with { Data = s.Data with { Gain = 250 } }, "Data.Gain must be a number in [0, 100]; got 250." },
        { "Data.Gain", s => s with { Data = s.Data with { Gain = double.NaN } }, "Data.Gain must be a number in [0, 100]; got NaN." },
        { "Data.Size", s => s with { Data = s.Data with { Size = 65 } }, "Data.Size must be in [2, 64] (the torus side L; D = L * L <= 4096); got 65." },
        { "Data.Size", s => s with { Data = s.Data with { Geometry = Geometry.Ring1D, Size = 5000 } }, "Data.Size must be in [4, 4096] (the ring's pixels D); got 5000." },
        { "Data.CorrelationLengths", s => s with { Data = s.Data with { CorrelationLengths = [1] } }, "Data.CorrelationLengths must hold exactly 2 values (class 0, class 1); got 1." },
        { "Data.CorrelationLengths[1]", s => s with { Data = s.Data with { CorrelationLengths = [1, -2] } }, "Data.CorrelationLengths[1] must be a number in (0, 1000]; got -2." },
        { "Data.KernelExponent", s => s with { Data = s.Data with { KernelExponent = 3 } }, "Data.KernelExponent must be a number in (0, 2]; got 3." },
        { "Data.TrainingSamples", s => s with { Data = s.Data with { TrainingSamples = -5 } }, "Data.TrainingSamples must be in [2, 1000000] (0 trains online); got -5." },
        { "Data.Geometry", s => s with { Data = s.Data with { Source = DataSource.Ising, Geometry = Geometry.Ring1D, Size = 100 } }, "Data.Geometry must be torus2D for the Ising source; got ring1D." },
        { "Model.HiddenUnits", s => s with { Model = s.Model with { HiddenUnits = 0 } }, "Model.HiddenUnits must be in [1, 4096]; got 0." },
        { "Model.HiddenWidths", s => s with { Model = s.Model with { Architecture = Architecture.Mlp, HiddenWidths = [] } }, "Model.HiddenWidths must list 1 to 8 layer widths for the mlp architecture; got 0." },
        { "Training.LearningRate", s => s with { Training = s.Training with { LearningRate = 0 } }, "Training.LearningRate must be a number in (0, 10]; got 0." },
        { "Training.Momentum", s => s with { Training = s.Training with { Momentum = 1 } }, "Training.Momentum must be a number in [0, 1); got 1." },
        { "Training.BatchSize", s => s with { Training = s.Training with { BatchSize = 30_000 } }, "Training.BatchSize must be in [1, 20000] (Data.TrainingSamples); got 30000." },
        { "Training.Steps", s => s with { Data = s.Data with { TrainingSamples = 0 } }, "Training.Steps must be in [1, 10000000] when training online (Data.TrainingSamples = 0); got 0." },
        { "Pruning.FractionPerRound", s => s with { Pruning = s.Pruning with { FractionPerRound = 1 } }, "Pruning.FractionPerRound must be a number in (0, 0.99]; got 1." },
        { "Pruning.Rounds", s => s with { Pruning = s.Pruning with { Rounds = 51 } }, "Pruning.Rounds must be in [0, 50]; got 51." },
        { "Measures.NullPermutations", s => s with { Measures = new MeasuresSpec { NullPermutations = 31 } }, "Measures.NullPermutations must be in [32, 1024]; got 31." },
        { "Measures.NullPermutations", s => s with { Measures = new MeasuresSpec { NullPermutations = 2000 } }, "Measures.NullPermutations must be in [32, 1024]; got 2000." },
        { "Pruning.Layers[0]", s => s with { Pruning = s.Pruning with { Layers = [2] } }, "Pruning.Layers[0] must be in [0, 1] (0 is the first weight layer); got 2." },
        { "Pruning.RewindStep", s => s with { Pruning = s.Pruning with { RewindStep = 4000 } }, "Pruning.RewindStep must be in [0, 3130] (a step of round 0, which has that many); got 4000." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_field_gets_a_message_naming_it_and_its_range(string field, Func<ExperimentSpec, ExperimentSpec> change, string message)
    {
        var errors = ExperimentSpecValidator.Validate(change(Valid));

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Missing_sections_are_named()
    {
        var spec = JsonSerializer.Deserialize<ExperimentSpec>("""{"name":"x","data":null,"model":null}""", SpecJson.Options);

        var errors = ExperimentSpecValidator.Validate(spec);

        Assert.Equal(["Data", "Model"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Unknown_fields_and_enum_names_are_refused_by_the_json_form()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ExperimentSpec>("""{"data":{"gainn":3}}""", SpecJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ExperimentSpec>("""{"data":{"source":"mnist"}}""", SpecJson.Options));
    }

    [Fact]
    public void Spec_round_trips_through_json_with_enums_by_name()
    {
        var json = JsonSerializer.Serialize(ExperimentPresets.PellegriniBiroli, SpecJson.Options);

        var back = JsonSerializer.Deserialize<ExperimentSpec>(json, SpecJson.Options)!;

        Assert.Contains("\"architecture\":\"mlp\"", json);
        Assert.Equal(JsonSerializer.Serialize(back, SpecJson.Options), json);
    }
}

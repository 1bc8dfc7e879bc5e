using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Tests.Validation;

/// <summary>A preset edited into another spec does not keep the preset's bare name (issue 23).</summary>
public sealed class ExperimentPresetsEditedTests
{
    private static readonly ExperimentSpec Preset = ExperimentPresets.Quick;

    [Fact]
    public void Changing_what_a_preset_computes_renames_it_edited()
    {
        var edited = ExperimentPresets.Edited(Preset, Preset with { Seed = Preset.Seed + 1 });

        Assert.Equal($"{ExperimentPresets.QuickDemo} (edited)", edited.Name);
        Assert.Equal(Preset.Seed + 1, edited.Seed);
    }

    [Fact]
    public void A_name_the_member_chose_or_a_spec_that_is_no_preset_is_kept()
    {
        var renamed = Preset with { Name = "my gain study", Seed = Preset.Seed + 1 };
        Assert.Equal("my gain study", ExperimentPresets.Edited(Preset, renamed).Name);

        var own = Preset with { Name = "own" };
        Assert.Equal("own", ExperimentPresets.Edited(own, own with { Seed = 3 }).Name);

        // The preset itself, unchanged in what it computes, keeps its name.
        Assert.Equal(ExperimentPresets.QuickDemo, ExperimentPresets.Edited(Preset, Preset with { }).Name);
    }
}

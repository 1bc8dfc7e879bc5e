using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Components.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class RunConditionsTests
{
    private static string Json(ExperimentSpec spec) => JsonSerializer.Serialize(spec, SpecJson.Options);

    [Fact]
    public void A_run_is_coloured_as_the_study_pages_colour_its_condition()
    {
        var quick = ExperimentPresets.Quick;

        // Issue 11, defect 4: a colour meant the NLGP on one page and the clone on the next.
        Assert.Equal(StudyCondition.Imp, RunConditions.Of(Json(quick)));
        Assert.Equal(StudyCondition.GaussianClone, RunConditions.Of(Json(quick with { Data = quick.Data with { Source = DataSource.GaussianClone } })));
        Assert.Equal(StudyCondition.RandomPruning, RunConditions.Of(Json(quick with { Pruning = quick.Pruning with { Control = PruningControl.RandomPruning } })));
        Assert.Equal(StudyCondition.OneShot, RunConditions.Of(Json(quick with { Pruning = quick.Pruning with { Control = PruningControl.OneShot } })));
        Assert.Null(RunConditions.Of("{ \"seed\": \"not a number\" }"));
        Assert.Null(RunConditions.Of(null));
        // A study replicate's spec is its condition's, by the same rule.
        var study = new StudySpec { Base = quick };
        Assert.All(StudyConditions.All, c => Assert.Equal(c, StudyConditions.Of(study.ReplicateSpec(c, 0))));
    }
}

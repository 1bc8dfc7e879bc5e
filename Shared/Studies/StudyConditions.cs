using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies;

/// <summary>What each study condition is, in words and as a single experiment's settings.</summary>
public static class StudyConditions
{
    /// <summary>The camelCase name used in JSON, folder names and summaries ("gaussianClone").</summary>
    public static string Key(StudyCondition condition)
    {
        var text = condition.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    public static string Label(StudyCondition condition) => condition switch
    {
        StudyCondition.Imp => "IMP",
        StudyCondition.GaussianClone => "Gaussian clone",
        StudyCondition.OneShot => "One-shot",
        StudyCondition.RandomPruning => "Random pruning",
        StudyCondition.RandomReinit => "Random reinit",
        _ => condition.ToString(),
    };

    /// <summary>
    /// The condition a run's spec is an instance of, whether or not it was run in a study: the clone's data, else its
    /// pruning control. Pages colour a run by it, so a colour means one condition everywhere in the lab.
    /// </summary>
    public static StudyCondition Of(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Data.Source == DataSource.GaussianClone
            ? StudyCondition.GaussianClone
            : spec.Pruning.Control switch
            {
                PruningControl.OneShot => StudyCondition.OneShot,
                PruningControl.RandomPruning => StudyCondition.RandomPruning,
                PruningControl.RandomReinit => StudyCondition.RandomReinit,
                _ => StudyCondition.Imp,
            };
    }

    public static PruningControl ControlOf(StudyCondition condition) => condition switch
    {
        StudyCondition.OneShot => PruningControl.OneShot,
        StudyCondition.RandomPruning => PruningControl.RandomPruning,
        StudyCondition.RandomReinit => PruningControl.RandomReinit,
        _ => PruningControl.None,
    };
}

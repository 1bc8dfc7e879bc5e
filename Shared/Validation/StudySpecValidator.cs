using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Validation;

/// <summary>
/// The one place a study is checked: its own fields, then its base experiment as a single run is checked (fields
/// named "Base.Data.Gain" and so on), then what the conditions need of the base.
/// </summary>
public static class StudySpecValidator
{
    public static IReadOnlyList<ValidationError> Validate(StudySpec? study)
    {
        var errors = new List<ValidationError>();
        if (study is null)
        {
            errors.Add(new("Study", "Study is required."));
            return errors;
        }
        if (string.IsNullOrWhiteSpace(study.Name) || study.Name.Length > 200)
        {
            errors.Add(new("Name", $"Name must have 1 to 200 characters; got {study.Name?.Length ?? 0}."));
        }
        if (study.Seed < 0)
        {
            errors.Add(new("Seed", $"Seed must be in [0, {long.MaxValue}]; got {study.Seed}."));
        }
        if (study.Replicates is < 1 or > StudySpec.MaxReplicates)
        {
            errors.Add(new("Replicates", $"Replicates must be in [1, {StudySpec.MaxReplicates}]; got {study.Replicates}."));
        }
        var allowed = StudyConditions.Allowed;
        if (study.Conditions is not { Length: > 0 } conditions)
        {
            errors.Add(new("Conditions", $"Conditions must list at least one of {allowed}."));
            conditions = [];
        }
        foreach (var condition in conditions.Where(c => !StudyConditions.IsRegistered(c)))
        {
            errors.Add(new("Conditions", $"Conditions must be among {allowed}; got {condition}."));
        }
        if (conditions.Distinct().Count() != conditions.Length)
        {
            errors.Add(new("Conditions", "Conditions must not list a condition twice."));
        }
        if (study.Base is null)
        {
            errors.Add(new("Base", "Base is required: the experiment every condition varies."));
            return errors;
        }

        errors.AddRange(ExperimentSpecValidator.Validate(study.Base with { Name = study.Base.Name ?? "base" })
            .Select(e => new ValidationError("Base." + e.Field, "Base." + e.Message)));
        if (study.Base.Pruning is { } pruning && pruning.Control != PruningControl.None)
        {
            errors.Add(new("Base.Pruning.Control",
                $"Base.Pruning.Control must be none in a study (the controls are its conditions); got {pruning.Control}."));
        }
        var known = conditions.Where(StudyConditions.IsRegistered).Select(c => c.Describe()).ToList();
        var branches = known.Where(d => d.BranchesOffImp).Select(d => d.Key).ToList();
        if (!conditions.Contains(StudyCondition.Imp) && branches.Count > 0)
        {
            errors.Add(new("Conditions",
                $"Conditions must include imp when they include {Listed(branches)}: they branch off IMP's trained round 0."));
        }
        errors.AddRange(known.SelectMany(d => d.Check(study.Base)));
        return errors;
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    private static string Listed(IReadOnlyList<string> keys) =>
        keys.Count == 1 ? keys[0] : $"{string.Join(", ", keys.Take(keys.Count - 1))} or {keys[^1]}";
}

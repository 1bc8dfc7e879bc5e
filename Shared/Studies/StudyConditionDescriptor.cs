using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// What a study condition is, said once: its key and label, how its replicates start, the experiment a replicate runs,
/// which runs are instances of it, what it needs of the base spec, and which claims set IMP against it. A condition is
/// one file in <c>Studies/Conditions/</c> and one line in <see cref="StudyConditions"/>; the study's validation,
/// the engine's study runner, its statistics, the files and the pages all read it from there.
/// </summary>
public abstract class StudyConditionDescriptor
{
    /// <summary>camelCase: the condition's name in JSON, folder names, routes and summaries.</summary>
    public abstract string Key { get; }

    /// <summary>Its name on pages and in run names ("Gaussian clone").</summary>
    public abstract string Label { get; }

    public StudyCondition Condition => new(Key);

    public virtual ConditionStart Start => ConditionStart.Trunk;

    /// <summary>Whether its replicates start from IMP's (so a study with it must have IMP).</summary>
    public bool BranchesOffImp => Start != ConditionStart.Trunk;

    /// <summary>The claims (<see cref="StudyClaimIds"/>) that set IMP against this condition, and how they match rounds.</summary>
    public virtual IReadOnlyList<string> Claims => [];

    public virtual ClaimMatching Matching => ClaimMatching.Round;

    /// <summary>Drawn dashed beside the others (a control of the mask alone).</summary>
    public virtual bool Dashed => false;

    /// <summary>The experiment a replicate of it runs, from the study's base (already seeded and named).</summary>
    public abstract ExperimentSpec Apply(ExperimentSpec replicate);

    /// <summary>Whether a run's spec is an instance of this condition, whether or not it ran in a study.</summary>
    public abstract bool Describes(ExperimentSpec spec);

    /// <summary>What the condition needs of the study's base spec, as errors naming the field (none by default).</summary>
    public virtual IEnumerable<ValidationError> Check(ExperimentSpec baseSpec) => [];
}

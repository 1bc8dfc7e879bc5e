using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies.Conditions;

/// <summary>Iterative magnitude pruning on the spec's data: a trunk, and what every claim is about.</summary>
internal sealed class ImpCondition : StudyConditionDescriptor
{
    public override string Key => "imp";

    public override string Label => "IMP";

    public override ExperimentSpec Apply(ExperimentSpec replicate) => replicate;

    /// <summary>IMP is what a run is when no other condition describes it.</summary>
    public override bool Describes(ExperimentSpec spec) => true;
}

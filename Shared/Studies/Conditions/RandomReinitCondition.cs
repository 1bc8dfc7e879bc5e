using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies.Conditions;

/// <summary>
/// IMP's mask of every round with the surviving weights redrawn from the initial distribution, off IMP's round 0: does
/// the mask alone carry locality? It follows IMP's masks, so it runs after IMP.
/// </summary>
internal sealed class RandomReinitCondition : StudyConditionDescriptor
{
    public override string Key => "randomReinit";

    public override string Label => "Random reinit";

    public override ConditionStart Start => ConditionStart.FollowImpMasks;

    public override bool Dashed => true;

    public override ExperimentSpec Apply(ExperimentSpec replicate) =>
        replicate with { Pruning = replicate.Pruning with { Control = PruningControl.RandomReinit, Strategy = null } };

    public override bool Describes(ExperimentSpec spec) => spec.Pruning.Control == PruningControl.RandomReinit;
}

using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies.Conditions;

/// <summary>Random survivors removed at IMP's per-round sparsity, branching off IMP's trained round 0.</summary>
internal sealed class RandomPruningCondition : StudyConditionDescriptor
{
    public override string Key => "randomPruning";

    public override string Label => "Random pruning";

    public override ConditionStart Start => ConditionStart.BranchOffImp;

    public override IReadOnlyList<string> Claims => [StudyClaimIds.C2Ngi, StudyClaimIds.C2Kurtosis];

    public override ExperimentSpec Apply(ExperimentSpec replicate) =>
        replicate with { Pruning = replicate.Pruning with { Control = PruningControl.RandomPruning, Strategy = null } };

    public override bool Describes(ExperimentSpec spec) => spec.Pruning.Control == PruningControl.RandomPruning;
}

using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>Random pruning at IMP's per-round sparsity, branching off IMP's trained round 0.</summary>
internal sealed class RandomPruningControl : BranchOffImp
{
    public override StudyCondition Condition => StudyCondition.RandomPruning;
}

using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>One-shot pruning to IMP's final sparsity, branching off IMP's trained round 0.</summary>
internal sealed class OneShotControl : BranchOffImp
{
    public override StudyCondition Condition => StudyCondition.OneShot;
}

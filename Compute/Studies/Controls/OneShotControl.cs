using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>One-shot pruning to IMP's final sparsity, branching off IMP's trained round 0.</summary>
internal sealed class OneShotControl : StudyControl
{
    public override StudyCondition Condition => StudyCondition.OneShot;

    public override StudyCondition? BranchesFrom => StudyCondition.Imp;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) => start.Resume is { } resume
        ? ExperimentSession.Start(start.Spec, start.Device, start.Time, resume, cancellationToken)
        : ExperimentSession.Branch(start.Spec, start.Device, start.Time, start.TrunkRound0(), cancellationToken);
}

using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>Random pruning at IMP's per-round sparsity, branching off IMP's trained round 0.</summary>
internal sealed class RandomPruningControl : StudyControl
{
    public override StudyCondition Condition => StudyCondition.RandomPruning;

    public override StudyCondition? BranchesFrom => StudyCondition.Imp;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) => start.Resume is { } resume
        ? ExperimentSession.Start(start.Spec, start.Device, start.Time, resume, cancellationToken)
        : ExperimentSession.Branch(start.Spec, start.Device, start.Time, start.TrunkRound0(), cancellationToken);
}

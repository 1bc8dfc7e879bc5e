using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>A control that branches off IMP's trained round 0 with its own pruning strategy, and resumes from its own checkpoints.</summary>
internal abstract class BranchOffImp : StudyControl
{
    public override StudyCondition? BranchesFrom => StudyCondition.Imp;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) => start.Resume is { } resume
        ? ExperimentSession.Start(start.Spec, start.Device, start.Time, resume, cancellationToken, start.TrunkData())
        : ExperimentSession.Branch(start.Spec, start.Device, start.Time, start.TrunkRound0(), cancellationToken, start.TrunkData());
}

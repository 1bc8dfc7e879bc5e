using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>
/// A condition that branches off IMP's trained round 0 on IMP's data and prunes with its own strategy (one-shot,
/// random pruning), and resumes from its own checkpoints.
/// </summary>
internal sealed class BranchOffImp : StudyControl
{
    public override ConditionStart Starts => ConditionStart.BranchOffImp;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) => start.Resume is { } resume
        ? ExperimentSession.Start(start.Spec, start.Device, start.Time, resume, cancellationToken, start.TrunkData())
        : ExperimentSession.Branch(start.Spec, start.Device, start.Time, start.TrunkRound0(), cancellationToken, start.TrunkData());
}

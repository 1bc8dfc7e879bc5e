using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>
/// A condition that follows IMP's mask of each round with every weight redrawn from the initial distribution, off
/// IMP's round 0 (random reinitialisation). Runs after IMP, whose masks it follows.
/// </summary>
internal sealed class FollowImpMasks : StudyControl
{
    public override ConditionStart Starts => ConditionStart.FollowImpMasks;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) =>
        ExperimentSession.FollowMasks(start.Spec, start.Device, start.Time, start.ImpNextMasks(), start.Resume ?? start.TrunkRound0(),
            cancellationToken, start.TrunkData());
}

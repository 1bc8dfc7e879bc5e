using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>A condition that trains its own dense round 0 from the replicate's seed (IMP, the Gaussian clone).</summary>
internal sealed class Trunk : StudyControl
{
    public override ConditionStart Starts => ConditionStart.Trunk;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) =>
        ExperimentSession.Start(start.Spec, start.Device, start.Time, start.Resume, cancellationToken);
}

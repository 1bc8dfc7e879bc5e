using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>IMP on the Gaussian clone of the data: its own trunk, with the same seed (so the same initialisation).</summary>
internal sealed class GaussianCloneControl : StudyControl
{
    public override StudyCondition Condition => StudyCondition.GaussianClone;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) =>
        ExperimentSession.Start(start.Spec, start.Device, start.Time, start.Resume, cancellationToken);
}

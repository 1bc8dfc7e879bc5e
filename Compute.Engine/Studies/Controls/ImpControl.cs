using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies.Controls;

/// <summary>IMP on the spec's data: a trunk.</summary>
internal sealed class ImpControl : StudyControl
{
    public override StudyCondition Condition => StudyCondition.Imp;

    public override ExperimentSession Start(StudyStart start, CancellationToken cancellationToken) =>
        ExperimentSession.Start(start.Spec, start.Device, start.Time, start.Resume, cancellationToken);
}

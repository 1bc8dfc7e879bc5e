using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// How a replicate of a condition starts, for each <see cref="ConditionStart"/> a condition's descriptor may name: a
/// trunk trains its own dense round 0; a branch starts from the same replicate's trained round 0 of IMP (SCIENCE.md:
/// controls are branches, not copies). Each is one file, listed once in <see cref="StudyControls"/>.
/// </summary>
internal abstract class StudyControl
{
    public abstract ConditionStart Starts { get; }

    public abstract ExperimentSession Start(StudyStart start, CancellationToken cancellationToken);
}

using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// One condition of a study: how a replicate of it starts. A trunk trains its own dense round 0; a branch starts
/// from the same replicate's trained round 0 of its trunk (SCIENCE.md: controls are branches, not copies).
/// Each control is one file, listed once in <see cref="StudyControls"/>.
/// </summary>
internal abstract class StudyControl
{
    public abstract StudyCondition Condition { get; }

    /// <summary>The trunk whose round 0 this condition branches off; null when it is a trunk itself.</summary>
    public virtual StudyCondition? BranchesFrom => null;

    public abstract ExperimentSession Start(StudyStart start, CancellationToken cancellationToken);
}

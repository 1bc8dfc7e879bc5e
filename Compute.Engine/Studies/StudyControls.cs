using LocalityLab.Compute.Studies.Controls;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>The study controls by how a condition starts (its descriptor's <see cref="StudyConditionDescriptor.Start"/>).</summary>
internal static class StudyControls
{
    private static readonly IReadOnlyDictionary<ConditionStart, StudyControl> Registry = new StudyControl[]
    {
        new Trunk(),
        new BranchOffImp(),
        new FollowImpMasks(),
    }.ToDictionary(c => c.Starts);

    public static StudyControl For(StudyCondition condition) =>
        Registry.TryGetValue(condition.Describe().Start, out var control)
            ? control
            : throw new ArgumentException($"No study control starts the condition {condition}.", nameof(condition));
}

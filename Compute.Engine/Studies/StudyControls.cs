using LocalityLab.Compute.Studies.Controls;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>The study controls by condition: adding one is its file and one line here.</summary>
internal static class StudyControls
{
    private static readonly IReadOnlyDictionary<StudyCondition, StudyControl> Registry = new StudyControl[]
    {
        new ImpControl(),
        new GaussianCloneControl(),
        new OneShotControl(),
        new RandomPruningControl(),
        new RandomReinitControl(),
    }.ToDictionary(c => c.Condition);

    public static StudyControl For(StudyCondition condition) =>
        Registry.TryGetValue(condition, out var control)
            ? control
            : throw new ArgumentException($"No study control runs the condition {condition}.", nameof(condition));
}

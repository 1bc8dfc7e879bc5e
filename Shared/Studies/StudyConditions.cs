using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Registries;
using LocalityLab.Shared.Studies.Conditions;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// The study conditions by key: adding one is its descriptor's file in <c>Studies/Conditions/</c> and one line below.
/// The order is the lab's order of conditions everywhere: a condition's colour on every page is its position here.
/// </summary>
public static class StudyConditions
{
    /// <summary>The conditions the lab first numbered, in that order (a job an older lab queued names one by its position).</summary>
    private static readonly StudyConditionDescriptor[] BuiltIn =
    [
        new ImpCondition(),
        new GaussianCloneCondition(),
        new OneShotCondition(),
        new RandomPruningCondition(),
        new RandomReinitCondition(),
    ];

    private static readonly Registry<StudyConditionDescriptor> Registry = new("study condition", d => d.Key, BuiltIn);

    /// <summary>Every registered condition's descriptor, in the lab's order.</summary>
    public static IReadOnlyList<StudyConditionDescriptor> Descriptors => Registry.All;

    /// <summary>Every registered condition, in the lab's order.</summary>
    public static IReadOnlyList<StudyCondition> All => [.. Descriptors.Select(d => d.Condition)];

    /// <summary>The conditions a study runs when it names none: the built-in five.</summary>
    public static StudyCondition[] Default => [.. BuiltIn.Select(d => d.Condition)];

    /// <summary>The registered keys, for messages: "imp, gaussianClone, ...".</summary>
    public static string Allowed => Registry.Allowed;

    /// <summary>The condition registered under <paramref name="key"/> in any letter case ("GaussianClone" too, as the store writes it), or null.</summary>
    public static StudyCondition? Find(string? key) => Registry.Find(key)?.Condition;

    /// <summary>Whether <paramref name="condition"/> is registered.</summary>
    public static bool IsRegistered(StudyCondition condition) => Registry.Find(condition.Key) is not null;

    /// <summary>The descriptor of a registered condition.</summary>
    public static StudyConditionDescriptor Describe(this StudyCondition condition) =>
        Registry.Find(condition.Key)
        ?? throw new ArgumentException($"No study condition is registered as '{condition.Key}'; there are {Allowed}.", nameof(condition));

    public static string Label(this StudyCondition condition) => condition.Describe().Label;

    /// <summary>The condition's position in the lab's order: its colour on every page.</summary>
    public static int Position(this StudyCondition condition) => PositionOrLast(condition) is var position && position < int.MaxValue
        ? position
        : throw new ArgumentException($"No study condition is registered as '{condition.Key}'; there are {Allowed}.", nameof(condition));

    /// <summary>The condition's position in the lab's order, or int.MaxValue when it is not registered.</summary>
    internal static int PositionOrLast(StudyCondition condition)
    {
        var descriptors = Descriptors;
        for (int i = 0; i < descriptors.Count; i++)
        {
            if (string.Equals(descriptors[i].Key, condition.Key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    /// <summary>The condition a job queued by an older lab names by its position among the built-in ones.</summary>
    internal static StudyCondition Numbered(int position) => position >= 0 && position < BuiltIn.Length
        ? BuiltIn[position].Condition
        : throw new FormatException($"A study condition's number must be in [0, {BuiltIn.Length - 1}]; got {position}.");

    /// <summary>
    /// The condition a run's spec is an instance of, whether or not it was run in a study: the first other than IMP
    /// that describes it, else IMP. Pages colour a run by it, so a colour means one condition everywhere in the lab.
    /// </summary>
    public static StudyCondition Of(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Descriptors.FirstOrDefault(d => d.Key != StudyCondition.Imp.Key && d.Describes(spec))?.Condition ?? StudyCondition.Imp;
    }

    /// <summary>Adds a condition after the built-in ones until the returned handle is disposed (a condition of one's own, or a test's).</summary>
    public static IDisposable Register(StudyConditionDescriptor descriptor) => Registry.Register(descriptor);
}

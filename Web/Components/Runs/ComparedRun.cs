using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>
/// A run as a comparison shows it: its label (e.g. "Gaussian clone"), its swept value if any, its stored rounds, and the
/// condition its spec is (which colours it as the study pages colour that condition); null when its spec is unreadable.
/// </summary>
public sealed record ComparedRun(RunInfo Run, string Label, double? Value, IReadOnlyList<RoundFrame> Rounds,
    Shared.Studies.StudyCondition? Condition = null);

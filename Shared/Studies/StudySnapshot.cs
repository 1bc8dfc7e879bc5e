namespace LocalityLab.Shared.Studies;

/// <summary>
/// Everything a study's subscriber needs to catch up: the study, its spec, the statistics of the rounds stored so far
/// (null before the first), its replicate runs and the latest progress.
/// </summary>
public sealed record StudySnapshot(
    StudyInfo Study, StudySpec Spec, StudySummary? Summary, IReadOnlyList<StudyReplicateRun> Runs, StudyProgress? Progress);

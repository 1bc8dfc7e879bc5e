using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>What a study already has stored, so a resumed study continues every replicate after its last round.</summary>
public interface IStudyCheckpoints
{
    /// <summary>The last completed round of a replicate under a condition, or null when it has none.</summary>
    int? LastRound(StudyCondition condition, int replicate);

    /// <summary>The checkpoint after a stored round: kept for a replicate's last two rounds, and for every IMP round (its
    /// round 0 is where the controls branch off, its masks what random reinitialisation follows).</summary>
    RoundCheckpoint? Checkpoint(StudyCondition condition, int replicate, int round);
}

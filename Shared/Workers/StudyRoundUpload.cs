using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// One replicate's round of a study condition, on its way to the store: the conditions it belongs to (a trunk's round 0
/// is also its branches', listed first as the engine reports it), the replicate, and the round as a run's round travels.
/// </summary>
public sealed record StudyRoundUpload(IReadOnlyList<StudyCondition> Conditions, int Replicate, RoundUpload Round)
{
    /// <summary>The round, or the first field that is missing or cannot be read and why (what a worker sends is not trusted).</summary>
    public (RoundResult? Round, ValidationError? Error) Read()
    {
        if (Conditions is not { Count: > 0 } || Conditions.Any(c => !StudyConditions.IsRegistered(c)))
        {
            return (null, new ValidationError(nameof(Conditions), "Conditions must list the study conditions the round belongs to, at least one."));
        }
        if (Replicate < 0)
        {
            return (null, new ValidationError(nameof(Replicate), $"Replicate must be 0 or more; got {Replicate}."));
        }
        return Round is null
            ? (null, new ValidationError(nameof(Round), "Round must carry the round (its claim, summary, arrays and checkpoint)."))
            : Round.Read();
    }
}

using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>A replicate's round as the study statistics read it: each registered measure of <see cref="StudyMeasures"/>.</summary>
public static class StudyObservations
{
    public static StudyObservation Of(StudyCondition condition, int replicate, RoundResult round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var values = StudyMeasures.All.ToDictionary(m => m.Key, m => m.Of(round), StringComparer.Ordinal);
        return new StudyObservation(condition, replicate, round.Round, round.Sparsity, values);
    }
}

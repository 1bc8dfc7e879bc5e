using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// A study condition handed to a worker: the claim its replicate runs are held under, the study's spec, and how many
/// rounds every replicate of every condition has stored (to continue after, and to find a trunk's checkpoints).
/// </summary>
public sealed record StudyAssignment(Guid Claim, string SpecJson, IReadOnlyList<StoredReplicate> Stored)
{
    public StudySpec ReadSpec() =>
        System.Text.Json.JsonSerializer.Deserialize<StudySpec>(SpecJson, Experiments.SpecJson.Options)
        ?? throw new InvalidDataException("The assignment has no study spec.");
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// A measured round on its way from a worker to the store: its measures as JSON and its arrays and checkpoint in
/// <see cref="RoundBlobCodec"/>'s form, exactly as the store keeps them.
/// </summary>
public sealed record RoundUpload(Guid Claim, string SummaryJson, byte[] Arrays, byte[] Checkpoint)
{
    public static RoundUpload From(Guid claim, RoundResult round) => new(
        claim,
        JsonSerializer.Serialize(round, SpecJson.Options),
        round.Arrays is null ? [] : RoundBlobCodec.Encode(round.Arrays),
        round.Checkpoint is null ? [] : RoundBlobCodec.Encode(round.Checkpoint));

    public RoundResult ReadRound() =>
        (JsonSerializer.Deserialize<RoundResult>(SummaryJson, SpecJson.Options) ?? throw new InvalidDataException("The round has no summary.")) with
        {
            Arrays = Arrays.Length == 0 ? null : RoundBlobCodec.DecodeArrays(Arrays),
            Checkpoint = Checkpoint.Length == 0 ? null : RoundBlobCodec.DecodeCheckpoint(Checkpoint),
        };
}

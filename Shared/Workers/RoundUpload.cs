using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Validation;

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

    /// <summary>The round, or the first field that cannot be read and why: what a worker sends is not trusted to be well formed.</summary>
    public (RoundResult? Round, ValidationError? Error) Read()
    {
        RoundResult? summary;
        try
        {
            summary = SummaryJson is null ? null : JsonSerializer.Deserialize<RoundResult>(SummaryJson, SpecJson.Options);
        }
        catch (JsonException e)
        {
            return (null, new ValidationError(nameof(SummaryJson), $"SummaryJson must be a round's summary as JSON: {e.Message}"));
        }
        if (summary is null)
        {
            return (null, new ValidationError(nameof(SummaryJson), "SummaryJson must be a round's summary as JSON; got none."));
        }
        if (!TryDecode(nameof(Arrays), Arrays, RoundBlobCodec.DecodeArrays, out var arrays, out var error)
            || !TryDecode(nameof(Checkpoint), Checkpoint, RoundBlobCodec.DecodeCheckpoint, out var checkpoint, out error))
        {
            return (null, error);
        }
        return (summary with { Arrays = arrays, Checkpoint = checkpoint }, null);
    }

    private static bool TryDecode<T>(string field, byte[]? blob, Func<byte[], T> decode, out T? value, out ValidationError? error)
        where T : class
    {
        (value, error) = (null, null);
        if (blob is not { Length: > 0 })
        {
            return true; // none sent
        }
        try
        {
            value = decode(blob);
            return true;
        }
        catch (InvalidDataException e)
        {
            error = new ValidationError(field, $"{field} is not in the form the lab stores (RoundBlobCodec): {e.Message}");
            return false;
        }
    }
}

using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// A run handed to a worker: the claim that every later call presents (a newer claim of the same run, after the
/// lease passed to another worker, makes this one void), the spec, and the checkpoint of the last stored round to
/// continue after (<see cref="RoundBlobCodec"/>; null: from round 0).
/// </summary>
public sealed record RunAssignment(Guid Claim, string SpecJson, byte[]? Checkpoint)
{
    public static RunAssignment From(Guid claim, ExperimentSpec spec, RoundCheckpoint? checkpoint) =>
        new(claim, System.Text.Json.JsonSerializer.Serialize(spec, Experiments.SpecJson.Options), checkpoint is null ? null : RoundBlobCodec.Encode(checkpoint));

    public ExperimentSpec ReadSpec() =>
        System.Text.Json.JsonSerializer.Deserialize<ExperimentSpec>(SpecJson, Experiments.SpecJson.Options)
        ?? throw new InvalidDataException("The assignment has no spec.");

    public RoundCheckpoint? ReadCheckpoint() => Checkpoint is { Length: > 0 } blob ? RoundBlobCodec.DecodeCheckpoint(blob) : null;
}

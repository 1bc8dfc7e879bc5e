using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Experiments;

/// <summary>One experiment, fully described: the same spec and seed give the same results on the CPU.</summary>
public sealed record ExperimentSpec
{
    public string Name { get; init; } = "Untitled";

    public long Seed { get; init; } = 1;

    public DataSpec Data { get; init; } = new();

    public ModelSpec Model { get; init; } = new();

    public TrainingSpec Training { get; init; } = new();

    public PruningSpec Pruning { get; init; } = new();

    public MeasuresSpec Measures { get; init; } = new();

    /// <summary>The last round: the dense round 0 plus the pruning rounds (just one for the one-shot control).</summary>
    [JsonIgnore]
    public int LastRound => Pruning.Control == PruningControl.OneShot ? Math.Min(1, Pruning.Rounds) : Pruning.Rounds;

    /// <summary>How many rounds a run of this spec has: 0 to <see cref="LastRound"/>.</summary>
    [JsonIgnore]
    public int RoundCount => LastRound + 1;

    /// <summary>The run's identity: the hash of its canonical form over non-default fields, the name left out
    /// (<see cref="SpecIdentity"/>).</summary>
    [JsonIgnore]
    public string Identity => SpecIdentity.Hash(this);
}

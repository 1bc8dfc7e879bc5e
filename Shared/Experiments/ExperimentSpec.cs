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
}

using System.Text.Json.Serialization;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// A study: R replicates (seeds) of every chosen condition of one base experiment, trained together, so that every
/// measure is a mean over seeds with an interval and every claim a paired difference (SCIENCE.md, "Statistics").
/// Replicate r runs the base spec with seed <see cref="ReplicateSeeds.For"/>(Seed, r) under every condition.
/// </summary>
public sealed record StudySpec
{
    public const int MaxReplicates = 64;

    public string Name { get; init; } = "Untitled study";

    /// <summary>The study seed every replicate's seed is mixed from.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Replicates R, in [1, 64].</summary>
    public int Replicates { get; init; } = 8;

    /// <summary>The conditions to train; by default the built-in five.</summary>
    public StudyCondition[] Conditions { get; init; } = StudyConditions.Default;

    /// <summary>The experiment every condition varies: NLGP data and IMP (no control) of its own.</summary>
    public ExperimentSpec Base { get; init; } = new();

    /// <summary>The study's identity: the hash of its canonical form over non-default fields, names left out.</summary>
    [JsonIgnore]
    public string Identity => SpecIdentity.Hash(this);

    /// <summary>Replicate r's seed (the same under every condition: a paired design).</summary>
    public long ReplicateSeed(int replicate) => ReplicateSeeds.For(Seed, replicate);

    /// <summary>The experiment replicate r runs under a condition: the base spec with the replicate's seed, as the
    /// condition makes it (its data source, its pruning control).</summary>
    public ExperimentSpec ReplicateSpec(StudyCondition condition, int replicate)
    {
        var descriptor = condition.Describe();
        return descriptor.Apply(Base with { Name = $"{Name} · {descriptor.Label} · seed {replicate + 1}", Seed = ReplicateSeed(replicate) });
    }

    /// <summary>Rounds every replicate of a condition has: one-shot has round 0 and its one pruned round.</summary>
    public int RoundCount(StudyCondition condition) => ReplicateSpec(condition, 0).RoundCount;
}

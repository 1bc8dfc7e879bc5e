namespace LocalityLab.Shared.Results;

/// <summary>
/// One IMP round, measured on the fixed test set. Round 0 is the dense network. Summaries are small
/// (for JSON and charts); Arrays hold the first layer; Checkpoint lets a run resume after this round.
/// </summary>
public sealed record RoundResult
{
    public required int Round { get; init; }

    /// <summary>Fraction of prunable weights removed so far.</summary>
    public required double Sparsity { get; init; }

    public required IReadOnlyList<LayerSparsity> Layers { get; init; }

    public required long Steps { get; init; }

    public required double TrainLoss { get; init; }

    public required double TestAccuracy { get; init; }

    public required double TestLoss { get; init; }

    public required int Units { get; init; }

    public required int DeadUnits { get; init; }

    public required Distribution Ipr { get; init; }

    public required Distribution Spread { get; init; }

    public required Distribution ExcessKurtosis { get; init; }

    /// <summary>Per class (class 0 first): the within-class excess kurtosis over units.</summary>
    public required IReadOnlyList<Distribution> ExcessKurtosisByClass { get; init; }

    public required CavitySummary Cavity { get; init; }

    /// <summary>Over live units: spread / its permutation null's mean (Distribution.Empty in results stored before the null).</summary>
    public Distribution SpreadRatio { get; init; } = Distribution.Empty;

    /// <summary>Over live units: the locality index LI = (spread null mean - spread) / null SD; what locality claims use.</summary>
    public Distribution LocalityIndex { get; init; } = Distribution.Empty;

    /// <summary>Over live units: within-class |excess kurtosis| (the mean over the two classes of |exkurt(h)|).</summary>
    public Distribution AbsKurtosisWithin { get; init; } = Distribution.Empty;

    /// <summary>Over live units: the non-Gaussianity index NGI = (within-class |k| - null mean) / null SD.</summary>
    public Distribution NonGaussianityIndex { get; init; } = Distribution.Empty;

    /// <summary>The cavity attribution within each class (per weight the class average), pruned next vs kept; null in results stored before it.</summary>
    public CavitySummary? CavityWithinClass { get; init; }

    public required IReadOnlyList<UnitMeasures> UnitMeasures { get; init; }

    public required double Seconds { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public RoundArrays? Arrays { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public RoundCheckpoint? Checkpoint { get; init; }
}

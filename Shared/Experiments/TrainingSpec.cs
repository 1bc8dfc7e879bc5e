namespace LocalityLab.Shared.Experiments;

/// <summary>How each round trains. A fixed training set trains for Epochs; online training (or Steps > 0) for Steps.</summary>
public sealed record TrainingSpec
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>SGD momentum in [0, 1).</summary>
    public double Momentum { get; init; }

    public int BatchSize { get; init; } = 64;

    /// <summary>Epochs per round over the fixed training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Optimiser steps per round; when above 0 it replaces Epochs. Online training needs it.</summary>
    public int Steps { get; init; }

    public LossKind Loss { get; init; } = LossKind.Bce;

    public double WeightDecay { get; init; }

    /// <summary>Optimiser steps in one round: Steps when set (or when online), else Epochs passes over the training set.</summary>
    public long StepsPerRound(int trainingSamples) =>
        Steps > 0 || trainingSamples == 0
            ? Steps
            : (long)Epochs * ((trainingSamples + BatchSize - 1) / Math.Max(1, BatchSize));
}

using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Runs;

/// <summary>The spec fields a sweep can vary, by the name validation messages use.</summary>
public static class SweepFields
{
    public const int MaxValues = 24;

    private static readonly Dictionary<string, Func<ExperimentSpec, double, ExperimentSpec>> Setters = new(StringComparer.Ordinal)
    {
        ["Data.Gain"] = (s, v) => s with { Data = s.Data with { Gain = v } },
        ["Data.CorrelationLengths[0]"] = (s, v) => s with { Data = s.Data with { CorrelationLengths = [v, s.Data.CorrelationLengths.ElementAtOrDefault(1)] } },
        ["Data.CorrelationLengths[1]"] = (s, v) => s with { Data = s.Data with { CorrelationLengths = [s.Data.CorrelationLengths.ElementAtOrDefault(0), v] } },
        ["Data.KernelExponent"] = (s, v) => s with { Data = s.Data with { KernelExponent = v } },
        ["Data.TrainingSamples"] = (s, v) => s with { Data = s.Data with { TrainingSamples = (int)v } },
        ["Model.HiddenUnits"] = (s, v) => s with { Model = s.Model with { HiddenUnits = (int)v } },
        ["Training.LearningRate"] = (s, v) => s with { Training = s.Training with { LearningRate = v } },
        ["Training.BatchSize"] = (s, v) => s with { Training = s.Training with { BatchSize = (int)v } },
        ["Pruning.FractionPerRound"] = (s, v) => s with { Pruning = s.Pruning with { FractionPerRound = v } },
        ["Pruning.Rounds"] = (s, v) => s with { Pruning = s.Pruning with { Rounds = (int)v } },
        ["Seed"] = (s, v) => s with { Seed = (long)v },
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["Data.Gain"] = "gain g",
        ["Data.CorrelationLengths[0]"] = "correlation length ξ of class 0",
        ["Data.CorrelationLengths[1]"] = "correlation length ξ of class 1",
        ["Data.KernelExponent"] = "kernel exponent p",
        ["Data.TrainingSamples"] = "training samples",
        ["Model.HiddenUnits"] = "hidden units K",
        ["Training.LearningRate"] = "learning rate",
        ["Training.BatchSize"] = "batch size",
        ["Pruning.FractionPerRound"] = "fraction pruned per round",
        ["Pruning.Rounds"] = "pruning rounds",
        ["Seed"] = "seed",
    };

    public static IReadOnlyCollection<string> Names => Setters.Keys;

    /// <summary>What a person reads for a field ("gain g" for Data.Gain); the field itself if it has no label.</summary>
    public static string Label(string? field) => field is not null && Labels.TryGetValue(field, out var label) ? label : field ?? "value";

    public static bool IsInteger(string field) => field is "Data.TrainingSamples" or "Model.HiddenUnits" or "Training.BatchSize" or "Pruning.Rounds" or "Seed";

    /// <summary>The spec with <paramref name="field"/> set to <paramref name="value"/>; null for a field that cannot be swept.</summary>
    public static ExperimentSpec? Apply(ExperimentSpec spec, string field, double value) =>
        Setters.TryGetValue(field, out var set) ? set(spec, value) : null;
}

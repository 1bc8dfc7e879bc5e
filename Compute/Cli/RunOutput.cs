using System.Text.Json;
using LocalityLab.Compute.Export;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// A run's folder: spec.json, rounds.jsonl (one JSON line per round, written as each completes) and
/// round-NN.npz with the first layer's arrays, which NumPy opens with np.load.
/// </summary>
public sealed class RunOutput(string directory)
{
    public string Directory { get; } = directory;

    public string RoundsPath => Path.Combine(Directory, "rounds.jsonl");

    public void Begin(ExperimentSpec spec)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "spec.json"), JsonSerializer.Serialize(spec, SpecJson.Indented));
        File.WriteAllText(RoundsPath, "");
    }

    public string ArraysPath(int round) => Path.Combine(Directory, $"round-{round:D2}.npz");

    public void Append(RoundResult round)
    {
        if (round.Arrays is { } arrays)
        {
            using var file = File.Create(ArraysPath(round.Round));
            using var npz = new NpzWriter(file);
            long units = arrays.Units, height = arrays.Shape.Height, width = arrays.Shape.Width;
            npz.Add("weights", arrays.Weights, units, height, width);
            npz.Add("mask", arrays.Mask, units, height, width);
            npz.Add("pruned_next", arrays.PrunedNext, units, height, width);
            npz.Add("cavity_delta", arrays.CavityDelta, units, height, width);
            npz.Add("cavity_gain", arrays.CavityGain, units, height, width);
            npz.Add("ipr", Column(round, u => u.Ipr), units);
            npz.Add("spread", Column(round, u => u.Spread), units);
            npz.Add("excess_kurtosis", Column(round, u => u.ExcessKurtosis), units);
            for (int c = 0; c < round.ExcessKurtosisByClass.Count; c++)
            {
                int label = c;
                npz.Add($"excess_kurtosis_class{label}", Column(round, u => u.ExcessKurtosisByClass[label]), units);
            }
        }
        // Appended only after the arrays are on disk: a line in rounds.jsonl means the round is complete.
        File.AppendAllText(RoundsPath, JsonSerializer.Serialize(round, SpecJson.Options) + "\n");
    }

    private static double[] Column(RoundResult round, Func<UnitMeasures, double?> select) =>
        [.. round.UnitMeasures.Select(u => select(u) ?? double.NaN)];
}

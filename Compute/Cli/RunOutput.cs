using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// A run's folder: spec.json, lab.json (the lab build that computed it, <see cref="LabVersion"/>), rounds.jsonl (one
/// JSON line per round, written as each completes), rounds.csv (every round's measures, a row appended as each completes)
/// and round-NN.npz with the first layer's arrays, which NumPy opens with np.load.
/// </summary>
public sealed class RunOutput(string directory)
{
    public string Directory { get; } = directory;

    public string RoundsPath => Path.Combine(Directory, "rounds.jsonl");

    private string CsvPath => Path.Combine(Directory, "rounds.csv");

    public void Begin(ExperimentSpec spec)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "spec.json"), JsonSerializer.Serialize(spec, SpecJson.Indented));
        File.WriteAllText(Path.Combine(Directory, ProvenanceFile.Name), ProvenanceFile.Serialize(
            new { version = LabVersion.Current, commit = LabVersion.Commit(LabVersion.Current), started = DateTimeOffset.UtcNow }));
        File.WriteAllText(RoundsPath, "");
        File.WriteAllText(CsvPath, RoundsCsv.Header + "\n");
    }

    /// <summary>The rounds written so far (each line of rounds.jsonl is a complete round), in order.</summary>
    public IReadOnlyList<RoundResult> ReadRounds() => File.Exists(RoundsPath)
        ? [.. File.ReadLines(RoundsPath).Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<RoundResult>(line, SpecJson.Options)!)]
        : [];

    public string ArraysPath(int round) => Path.Combine(Directory, $"round-{round:D2}.npz");

    public void Append(RoundResult round)
    {
        if (round.Arrays is not null)
        {
            using var file = File.Create(ArraysPath(round.Round));
            RoundNpz.Write(file, round);
        }
        // Appended only after the arrays are on disk: a line in rounds.jsonl means the round is complete.
        File.AppendAllText(RoundsPath, JsonSerializer.Serialize(round, SpecJson.Options) + "\n");
        File.AppendAllText(CsvPath, RoundsCsv.Row(round) + "\n");
    }
}

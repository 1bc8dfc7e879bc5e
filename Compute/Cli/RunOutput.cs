using System.Text.Json;
using LocalityLab.Compute.Export;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// A run's folder: spec.json, lab.json (the lab build that computed it, <see cref="LabVersion"/>), rounds.jsonl (one
/// JSON line per round, written as each completes), rounds.csv (every round's measures, rewritten after each round)
/// and round-NN.npz with the first layer's arrays, which NumPy opens with np.load.
/// </summary>
public sealed class RunOutput(string directory)
{
    // A file for people and scripts, not for HTML: "1.0.0+f468bfe" as written, not "1.0.0\u002Bf468bfe".
    private static readonly JsonSerializerOptions LabFile = new(SpecJson.Indented) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Directory { get; } = directory;

    public string RoundsPath => Path.Combine(Directory, "rounds.jsonl");

    public void Begin(ExperimentSpec spec)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "spec.json"), JsonSerializer.Serialize(spec, SpecJson.Indented));
        File.WriteAllText(Path.Combine(Directory, "lab.json"), JsonSerializer.Serialize(
            new { version = LabVersion.Current, commit = LabVersion.Commit(LabVersion.Current), started = DateTimeOffset.UtcNow }, LabFile));
        File.WriteAllText(RoundsPath, "");
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
        using var csv = new StreamWriter(Path.Combine(Directory, "rounds.csv"));
        RoundsCsv.Write(ReadRounds(), csv);
    }
}

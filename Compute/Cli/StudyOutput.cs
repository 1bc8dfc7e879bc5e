using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// A study's folder: study.json; <c>&lt;condition&gt;/rep-&lt;r&gt;/</c> per replicate (r from 0) holding what `run`
/// writes (spec.json, rounds.jsonl, round-NN.npz) and checkpoint-NN.bin; summary.json and summary.csv at the end.
/// What is on disk is what a resumed study continues from: a line in rounds.jsonl marks a complete round, and is
/// written after its arrays and checkpoint.
/// </summary>
public sealed class StudyOutput : IStudyCheckpoints
{
    private readonly StudySpec _study;
    private readonly Dictionary<(StudyCondition, int), int> _lastRounds = [];

    public StudyOutput(string directory, StudySpec study, bool resume)
    {
        Directory = directory;
        _study = study;
        var studyPath = Path.Combine(directory, "study.json");
        if (resume)
        {
            if (!File.Exists(studyPath))
            {
                throw new ArgumentException($"--resume needs a study folder; '{directory}' has no study.json.");
            }
            var stored = JsonSerializer.Deserialize<StudySpec>(File.ReadAllText(studyPath), SpecJson.Options);
            if (stored?.Identity != study.Identity)
            {
                throw new ArgumentException($"--resume: '{directory}' holds a different study (identity {stored?.Identity[..12]}, this one {study.Identity[..12]}).");
            }
            foreach (var condition in study.Conditions)
            {
                for (int r = 0; r < study.Replicates; r++)
                {
                    if (Replicate(condition, r).ReadRounds() is { Count: > 0 } rounds)
                    {
                        _lastRounds[(condition, r)] = rounds[^1].Round;
                    }
                }
            }
            return;
        }
        if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new ArgumentException($"--out '{directory}' is not empty; choose a new folder, or add --resume to continue the study in it.");
        }
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(studyPath, JsonSerializer.Serialize(study, SpecJson.Indented));
    }

    public string Directory { get; }

    public RunOutput Replicate(StudyCondition condition, int replicate) =>
        new(Path.Combine(Directory, condition.Key, $"rep-{replicate}"));

    public int? LastRound(StudyCondition condition, int replicate) =>
        _lastRounds.TryGetValue((condition, replicate), out int round) ? round : null;

    public RoundCheckpoint? Checkpoint(StudyCondition condition, int replicate, int round)
    {
        var path = CheckpointPath(condition, replicate, round);
        return File.Exists(path) ? RoundBlobCodec.DecodeCheckpoint(File.ReadAllBytes(path)) : null;
    }

    /// <summary>
    /// Stores one replicate's round under each of its conditions (a trunk's round 0 under its branches first, then the
    /// trunk); a round already stored is skipped (a resumed study computes a few again). The producing condition keeps the
    /// round's checkpoint: IMP every round's (branches and random reinitialisation start from them), the others their last two.
    /// </summary>
    public void Write(StudyRound round)
    {
        var result = round.Result;
        var producer = round.Conditions[^1];
        foreach (var condition in round.Conditions)
        {
            if (LastRound(condition, round.Replicate) >= result.Round)
            {
                continue;
            }
            var output = Replicate(condition, round.Replicate);
            if (result.Round == 0 || LastRound(condition, round.Replicate) is null)
            {
                output.Begin(_study.ReplicateSpec(condition, round.Replicate));
            }
            if (condition == producer && result.Checkpoint is { } checkpoint)
            {
                File.WriteAllBytes(CheckpointPath(condition, round.Replicate, result.Round), RoundBlobCodec.Encode(checkpoint));
                if (condition != StudyCondition.Imp)
                {
                    // The last two: a study resumes every replicate of a condition from the round all of them have,
                    // which a kill mid-round leaves one behind the replicates it had already written.
                    File.Delete(CheckpointPath(condition, round.Replicate, result.Round - 2));
                }
            }
            output.Append(result);
            _lastRounds[(condition, round.Replicate)] = result.Round;
        }
    }

    /// <summary>Every stored round of every replicate, as the statistics take them.</summary>
    public IReadOnlyList<StudyObservation> Observations() =>
        [.. _study.Conditions.SelectMany(condition => Enumerable.Range(0, _study.Replicates).SelectMany(r =>
            Replicate(condition, r).ReadRounds().Select(result => StudyObservations.Of(condition, r, result))))];

    private string CheckpointPath(StudyCondition condition, int replicate, int round) =>
        Path.Combine(Replicate(condition, replicate).Directory, $"checkpoint-{round:D2}.bin");
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Cli;

/// <summary>Reads a study from a JSON file or names a study preset, with messages a user can act on.</summary>
public static class StudyFile
{
    public static StudySpec Load(string? path, string? preset)
    {
        if (preset is not null)
        {
            return StudyPresets.All.TryGetValue(preset, out var study)
                ? study
                : throw new ArgumentException($"--preset must be one of: {string.Join(", ", StudyPresets.All.Keys.Select(k => $"\"{k}\""))}; got \"{preset}\".");
        }
        if (path is null)
        {
            throw new ArgumentException("Give a STUDY.json file or --preset NAME.");
        }
        if (!File.Exists(path))
        {
            throw new ArgumentException($"No study file at '{path}'.");
        }
        try
        {
            return JsonSerializer.Deserialize<StudySpec>(File.ReadAllText(path), SpecJson.Options)
                ?? throw new ArgumentException($"'{path}' holds no study (null).");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{path}' is not a valid study at {e.Path ?? "$"}: {e.Message}", e);
        }
    }
}

using System.Text.Json;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Cli;

/// <summary>Reads a spec from a JSON file or names a preset, with messages a user can act on.</summary>
public static class SpecFile
{
    public static ExperimentSpec Load(string? path, string? preset)
    {
        if (preset is not null)
        {
            return ExperimentPresets.All.TryGetValue(preset, out var spec)
                ? spec
                : throw new ArgumentException($"--preset must be one of: {string.Join(", ", ExperimentPresets.All.Keys.Select(k => $"\"{k}\""))}; got \"{preset}\".");
        }
        if (path is null)
        {
            throw new ArgumentException("Give a SPEC.json file or --preset NAME.");
        }
        if (!File.Exists(path))
        {
            throw new ArgumentException($"No spec file at '{path}'.");
        }
        try
        {
            return JsonSerializer.Deserialize<ExperimentSpec>(File.ReadAllText(path), SpecJson.Options)
                ?? throw new ArgumentException($"'{path}' holds no spec (null).");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{path}' is not a valid spec at {e.Path ?? "$"}: {e.Message}", e);
        }
    }
}

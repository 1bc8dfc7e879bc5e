using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Runs;

/// <summary>A named spec saved from the designer.</summary>
public sealed record SpecTemplate(string Name, ExperimentSpec Spec, DateTimeOffset SavedAt);

namespace LocalityLab.Shared.Workers;

/// <summary>The lab's answer to a worker that presented its key at start: the lab's build, which the worker prints.</summary>
public sealed record LabGreeting(string Build);

namespace LocalityLab.Shared.Workers;

/// <summary>A worker asks for a run: its name (machine and device), recorded as the run's ComputedOn.</summary>
public sealed record RunClaimRequest(string Worker);

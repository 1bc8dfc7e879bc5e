namespace LocalityLab.Shared.Runs;

/// <summary>A page of runs, newest first; <paramref name="Next"/> is the cursor of the page after it, null on the last.</summary>
public sealed record RunListPage(IReadOnlyList<RunInfo> Runs, string? Next);

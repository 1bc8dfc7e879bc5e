namespace LocalityLab.Shared.Runs;

/// <summary>Save runs side by side as a comparison (a family of kind Comparison) that has a page of its own and can be shared.</summary>
/// <param name="Name">Optional; "Comparison of N runs" when empty.</param>
/// <param name="Runs">The runs in the order to show them: 2 to <see cref="MaxRuns"/> different ids of stored runs.</param>
public sealed record ComparisonRequest(string? Name, IReadOnlyList<Guid>? Runs)
{
    public const int MaxRuns = 12;

    public const int MaxNameLength = 200;
}

namespace LocalityLab.Shared.Results;

/// <summary>
/// Summary of a measure over units or weights, finite values only: Count says how many entered, and every
/// statistic is null when none did. No NaN ever reaches it.
/// </summary>
public sealed record Distribution(int Count, double? Mean, double? Q1, double? Median, double? Q3, double? Min, double? Max)
{
    public static Distribution Empty { get; } = new(0, null, null, null, null, null, null);
}

namespace LocalityLab.Shared.Compute;

/// <summary>
/// Compute:Limits in appsettings.json: what one experiment may ask of this server. A spec whose estimate exceeds
/// them is refused before anything is allocated.
/// </summary>
public sealed class ComputeLimits
{
    public int MaxMemoryMegabytes { get; set; } = 4096;

    public double MaxEstimatedMinutes { get; set; } = 240;

    public long MaxParameters { get; set; } = 20_000_000;
}

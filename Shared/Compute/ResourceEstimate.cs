namespace LocalityLab.Shared.Compute;

/// <summary>A rough upper estimate of what an experiment needs, made from its spec alone.</summary>
public sealed record ResourceEstimate(int Inputs, long Parameters, long TotalSteps, long PeakMemoryBytes, double Seconds)
{
    public double PeakMemoryMegabytes => PeakMemoryBytes / (1024.0 * 1024.0);
}

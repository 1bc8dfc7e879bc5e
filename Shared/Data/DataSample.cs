namespace LocalityLab.Shared.Data;

/// <summary>Input samples with their labels: <see cref="Inputs"/> holds Labels.Length rows of <see cref="Width"/> values.</summary>
public sealed record DataSample(float[] Inputs, int[] Labels, int Width);

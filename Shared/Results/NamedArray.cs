namespace LocalityLab.Shared.Results;

/// <summary>A named float tensor, flattened row-major.</summary>
public sealed record NamedArray(string Name, long[] Shape, float[] Values);

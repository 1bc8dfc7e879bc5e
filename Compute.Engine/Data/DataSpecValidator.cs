using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Data;

/// <summary>
/// What the data sources need of a <see cref="DataSpec"/>: the lab's own ranges, said once in
/// <see cref="ExperimentSpecValidator"/> (the engine refuses what the lab refuses, with the same message naming the
/// field), and the input shape a generative source has.
/// </summary>
internal static class DataSpecValidator
{
    /// <summary>Throws an <see cref="ArgumentException"/> with the first range a field breaks, as the API would name it.</summary>
    public static void ValidateRanges(DataSpec spec)
    {
        var errors = ExperimentSpecValidator.ValidateData(spec);
        Require(errors.Count == 0, errors.Count == 0 ? "" : string.Join(" ", errors.Select(e => e.Message)));
    }

    /// <summary>Checks a generative source (NLGP, clone, Ising) and returns its input shape.</summary>
    public static InputShape ValidateGenerative(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Require(spec.Source != DataSource.LocalImages, "Data.Source LocalImages is read from files, not sampled: it has no generative source.");
        ValidateRanges(spec);
        return spec.Geometry == Geometry.Ring1D ? InputShape.Ring(spec.Size) : InputShape.Square(spec.Size);
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "spec");
        }
    }
}

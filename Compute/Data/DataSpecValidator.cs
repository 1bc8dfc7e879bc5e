using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>What the data sources need of a <see cref="DataSpec"/>; every error names the field as Data.Field.</summary>
internal static class DataSpecValidator
{
    /// <summary>Largest torus side whose D = L * L fits an int.</summary>
    public const int MaxSide = 46_340;

    public static void ValidateSplit(DataSpec spec)
    {
        Require(spec.TestSamples >= 1, $"Data.TestSamples must be at least 1; got {spec.TestSamples}.");
        Require(spec.TrainingSamples >= 0, $"Data.TrainingSamples must be at least 0 (0 = online); got {spec.TrainingSamples}.");
    }

    /// <summary>Checks a generative source (NLGP, clone, Ising) and returns its input shape.</summary>
    public static InputShape ValidateGenerative(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Require(Enum.IsDefined(spec.Source), $"Data.Source '{spec.Source}' is not a known source.");
        Require(spec.Source != DataSource.LocalImages, "Data.Source LocalImages is read from files, not sampled: it has no generative source.");
        Require(Enum.IsDefined(spec.Geometry), $"Data.Geometry '{spec.Geometry}' is not a known geometry.");
        if (spec.Source == DataSource.Ising)
        {
            Require(spec.Geometry == Geometry.Torus2D, "Data.Geometry must be Torus2D for the Ising source (spins live on an L x L torus).");
            Require(spec.Size is >= 2 and <= MaxSide, $"Data.Size (the side L) must be in [2, {MaxSide}] for the Ising source; got {spec.Size}.");
            Require(spec.IsingTemperatures is { Length: 2 }, "Data.IsingTemperatures needs exactly two temperatures, class 0 first.");
            Require(spec.IsingTemperatures.All(t => double.IsFinite(t) && t > 0),
                $"Data.IsingTemperatures must be finite and positive; got [{string.Join(", ", spec.IsingTemperatures)}].");
            Require(spec.IsingSweeps >= 0, $"Data.IsingSweeps must be at least 0; got {spec.IsingSweeps}.");
            return InputShape.Square(spec.Size);
        }
        Require(spec.CorrelationLengths is { Length: 2 }, "Data.CorrelationLengths needs exactly two lengths, class 0 first.");
        Require(spec.CorrelationLengths.All(xi => double.IsFinite(xi) && xi > 0),
            $"Data.CorrelationLengths must be finite and positive; got [{string.Join(", ", spec.CorrelationLengths)}].");
        Require(double.IsFinite(spec.Gain) && spec.Gain >= 0, $"Data.Gain must be finite and at least 0; got {spec.Gain}.");
        Require(spec.KernelExponent is > 0 and <= 2,
            $"Data.KernelExponent must be in (0, 2] (exp(-(d / xi)^p) is a valid covariance only there); got {spec.KernelExponent}.");
        if (spec.Geometry == Geometry.Ring1D)
        {
            Require(spec.Size >= 1, $"Data.Size (the number of pixels D) must be at least 1; got {spec.Size}.");
            return InputShape.Ring(spec.Size);
        }
        Require(spec.Size is >= 1 and <= MaxSide, $"Data.Size (the side L) must be in [1, {MaxSide}]; got {spec.Size}.");
        return InputShape.Square(spec.Size);
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "spec");
        }
    }
}

namespace LocalityLab.Shared.Data;

/// <summary>
/// The latent kernel asked for, exp(-(d / xi)^p) with d the periodic distance, is not a valid covariance on this ring
/// or torus (it has negative eigenvalues, as the Gaussian kernel does once xi is more than about L / 7): the sampler set
/// those eigenvalues to 0 and restored unit variance, so the field sampled is the nearest valid one, not the one asked for.
/// </summary>
/// <param name="MostNegativeEigenvalue">The most negative eigenvalue of the requested latent covariance (variance 1 per pixel).</param>
/// <param name="MaxCorrelationError">The largest |requested - sampled| latent correlation over all pairs of pixels.</param>
public sealed record KernelClipping(double MostNegativeEigenvalue, double MaxCorrelationError)
{
    /// <summary>
    /// Correlation errors below this are not reported: far under what any sample resolves (the empirical correlation
    /// of even a million pixel pairs is uncertain by 1e-3), and below 1e-15 just rounding.
    /// </summary>
    public const double NegligibleError = 1e-4;

    /// <summary>The one sentence the designer, the run page and the command line all say about it.</summary>
    public string Describe(int label) => FormattableString.Invariant(
        $"Class {label}'s latent kernel is not a valid covariance on this periodic lattice (an eigenvalue of {MostNegativeEigenvalue:G2}), ")
        + FormattableString.Invariant(
        $"so the nearest valid one is sampled, with correlations up to {MaxCorrelationError:G2} away from exp(-(d/xi)^p). A smaller xi is sampled exactly.");

    /// <summary>
    /// The warning line per clipped class, as `sample` and `study` print it and a study's summary stores it:
    /// "warning (xi = 6, p = 2): Class 1's latent kernel ...".
    /// </summary>
    public static IReadOnlyList<string> Warnings(Experiments.DataSpec data, IReadOnlyList<KernelClipping?> clippings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clippings);
        var warnings = new List<string>();
        for (int label = 0; label < clippings.Count; label++)
        {
            if (clippings[label] is { } clipping)
            {
                warnings.Add(FormattableString.Invariant(
                    $"warning (xi = {data.CorrelationLengths[label]}, p = {data.KernelExponent}): {clipping.Describe(label)}"));
            }
        }
        return warnings;
    }
}

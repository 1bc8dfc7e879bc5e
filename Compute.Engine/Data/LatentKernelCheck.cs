using LocalityLab.Shared.Data;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Data;

/// <summary>
/// Whether a data spec's latent kernels are sampled as asked or clipped (<see cref="KernelClipping"/>), without drawing
/// a sample: for pages that show a stored run, and for a sweep whose correlation length grows past what the lattice holds.
/// </summary>
internal static class LatentKernelCheck
{
    /// <summary>Per class, the clipping of its latent kernel; null where it is sampled as asked or the source has no kernel.</summary>
    public static IReadOnlyList<KernelClipping?> Clippings(DataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (DataSources.Find(data.Source.Key) is not { HasLatentKernel: true })
        {
            return [.. data.CorrelationLengths.Select(_ => (KernelClipping?)null)];
        }
        using var source = ExperimentDataBuilder.CreateSource(data);
        return [.. Enumerable.Range(0, data.CorrelationLengths.Length).Select(source.LatentKernelClipping)];
    }
}

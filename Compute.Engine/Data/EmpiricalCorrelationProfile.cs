using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>
/// E[x_(r, c) x_(r, c + d)] at periodic distance d along the width axis, averaged over all positions (r, c) and all
/// samples: the raw second moment, which is the correlation for pixels of mean 0 and variance 1 (NLGP, clone,
/// standardised images) and the spin-spin correlation for Ising spins.
/// </summary>
internal static class EmpiricalCorrelationProfile
{
    /// <param name="inputs">float [n, D], rows laid out as <paramref name="shape"/>.</param>
    public static double[] Compute(Tensor inputs, InputShape shape, int maxDistance)
    {
        using var scope = NewDisposeScope();
        var x = inputs.to_type(float64).view(-1, shape.Height, shape.Width);
        var profile = new double[maxDistance + 1];
        for (int d = 0; d <= maxDistance; d++)
        {
            profile[d] = (x * x.roll(-d, 2)).mean().item<double>();
        }
        return profile;
    }
}

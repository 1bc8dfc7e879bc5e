using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>Statistics of the hidden pre-activations h = X W^T [N, K] (no bias) over a set of inputs.</summary>
internal static class PreActivationStatistics
{
    /// <summary>
    /// Excess kurtosis E[(h - Eh)^4] / Var(h)^2 - 3 of every unit (column), population moments (1/N) in float64;
    /// NaN for a unit whose Var(h) is zero (up to rounding: at most 1e-20 of E[h^2]), e.g. a dead unit.
    /// </summary>
    /// <param name="preActivations">[N, K]: N inputs, K units; any floating dtype, on the CPU.</param>
    public static double[] ExcessKurtosis(Tensor preActivations)
    {
        ArgumentNullException.ThrowIfNull(preActivations);
        if (preActivations.dim() != 2)
        {
            throw new ArgumentException($"Pre-activations must be [N, K]; got {preActivations.dim()} dimensions.", nameof(preActivations));
        }
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        if (preActivations.shape[0] == 0)
        {
            return Enumerable.Repeat(double.NaN, (int)preActivations.shape[1]).ToArray();
        }
        var h = preActivations.detach().cpu().to(ScalarType.Float64);
        return ExcessKurtosisFormula.OfColumns(h).contiguous().data<double>().ToArray();
    }
}

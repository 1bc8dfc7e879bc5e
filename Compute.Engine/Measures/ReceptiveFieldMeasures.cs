using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Measures;

/// <summary>
/// How local each hidden unit's receptive field is, from the first layer's masked weights W [K, D]
/// (row k is unit k's receptive field; pixel i sits at row i / Width, column i % Width of the input shape).
/// </summary>
internal static class ReceptiveFieldMeasures
{
    /// <summary>
    /// IPR_k = sum_i w_ki^4 / (sum_i w_ki^2)^2 in float64: 1 for a single pixel, 1/n for n equal weights,
    /// about 3/D for a Gaussian vector. NaN for a dead unit (all weights zero).
    /// </summary>
    public static double[] InverseParticipationRatio(Tensor weights)
    {
        RequireMatrix(weights);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var squares = weights.detach().cpu().to(ScalarType.Float64).pow(ConstantScalars.Two);
        var energy = squares.sum([1L]);
        var ipr = squares.pow(ConstantScalars.Two).sum([1L]) / energy.pow(ConstantScalars.Two);
        return ipr.masked_fill(energy.eq(ConstantScalars.Zero), ConstantScalars.NaN).contiguous().data<double>().ToArray();
    }

    /// <summary>
    /// Spatial spread of each unit's weight energy q_i = w_i^2 / sum w^2: for every periodic axis longer than one
    /// pixel, the circular variance 1 - |sum_i q_i exp(2 pi i c_i / length)| of the pixels' coordinates c_i on that
    /// axis, averaged over those axes. 0 when all the energy is on one pixel, 1 when it is uniform. It depends on
    /// where the energy is, not on how many weights survive, and a blob across the ring or torus seam is local.
    /// NaN for a dead unit; 0 when no axis is longer than one pixel (a single input).
    /// </summary>
    public static double[] Spread(Tensor weights, InputShape shape)
    {
        RequireMatrix(weights);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Height < 1 || shape.Width < 1 || weights.shape[1] != shape.Inputs)
        {
            throw new ArgumentException(
                $"Weights have {weights.shape[1]} inputs but the input shape is {shape.Height} x {shape.Width}.", nameof(shape));
        }
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var squares = weights.detach().cpu().to(ScalarType.Float64).pow(ConstantScalars.Two);
        var energy = squares.sum([1L]);
        var axes = new List<(int Length, Func<int, int> Coordinate)>();
        if (shape.Height > 1)
        {
            axes.Add((shape.Height, pixel => pixel / shape.Width));
        }
        if (shape.Width > 1)
        {
            axes.Add((shape.Width, pixel => pixel % shape.Width));
        }
        Tensor spread;
        if (axes.Count == 0)
        {
            spread = torch.zeros_like(energy);
        }
        else
        {
            // One [D, 2 * axes] matrix of cos and sin of each pixel's angle on each axis: a single matmul gives
            // the energy-weighted mean phasor of every unit on every axis.
            int inputs = shape.Inputs;
            var phases = new double[inputs * 2 * axes.Count];
            for (int pixel = 0; pixel < inputs; pixel++)
            {
                for (int a = 0; a < axes.Count; a++)
                {
                    double angle = 2 * Math.PI * axes[a].Coordinate(pixel) / axes[a].Length;
                    phases[pixel * 2 * axes.Count + 2 * a] = Math.Cos(angle);
                    phases[pixel * 2 * axes.Count + 2 * a + 1] = Math.Sin(angle);
                }
            }
            var phasors = squares.matmul(torch.tensor(phases, [inputs, 2 * axes.Count], ScalarType.Float64))
                / energy.unsqueeze(1);
            var resultant = phasors.view(-1, axes.Count, 2).pow(ConstantScalars.Two).sum([2L]).sqrt();
            spread = resultant.neg().add_(ConstantScalars.One, ConstantScalars.One).mean([1L]);
        }
        return spread.masked_fill(energy.eq(ConstantScalars.Zero), ConstantScalars.NaN).contiguous().data<double>().ToArray();
    }

    private static void RequireMatrix(Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.dim() != 2)
        {
            throw new ArgumentException($"Weights must be [K, D]; got {weights.dim()} dimensions.", nameof(weights));
        }
    }
}

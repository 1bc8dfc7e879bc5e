using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>
/// 2D Ising spins (±1, J = 1, no field) on an L x L periodic torus at one temperature per class, by Metropolis from a
/// random start. Vectorised over the whole batch: the lattice is split into sublattices of non-neighbouring sites
/// (the checkerboard for even L; for odd L the torus is not bipartite and three colours are used), and each
/// sublattice is updated at once. A sweep updates every spin once: a spin flips with probability min(1, exp(-dE / T)),
/// dE = 2 s (sum of its 4 neighbours). The flip test u &lt; exp(-dE / T) is evaluated as s * sum &lt; -T ln(u) / 2, one
/// logarithm per spin per sweep. Both classes run in one simulation with a temperature per sample.
/// </summary>
internal sealed class IsingSource : IDataSource
{
    /// <summary>Samples are simulated in chunks of about this many spins, to bound memory and stay cache-friendly.</summary>
    private const long ChunkSpins = 1 << 19;

    private readonly double[] _temperatures;
    private readonly int _sweeps;
    private readonly Tensor[] _sublattices;

    public IsingSource(int side, IReadOnlyList<double> temperatures, int sweeps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(sweeps);
        Shape = InputShape.Square(side);
        _temperatures = [.. temperatures];
        _sweeps = sweeps;
        _sublattices = Sublattices(side);
    }

    public InputShape Shape { get; }

    public LabeledBatch Sample(int n, Generator generator, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        int side = Shape.Height;
        long chunk = Math.Max(1, ChunkSpins / Shape.Inputs);
        var labels = BalancedLabels.Draw(n, generator);
        using var temperatureTable = tensor(_temperatures.Select(t => (float)(t / 2)).ToArray());
        // -T ln(u) / 2 is compared against s * (sum of neighbours): T / 2 per sample.
        var halfTemperatures = temperatureTable.index_select(0, labels);
        var inputs = empty([n, Shape.Inputs], float32);
        for (long start = 0; start < n; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            long m = Math.Min(chunk, n - start);
            var halfT = halfTemperatures.narrow(0, start, m).view(m, 1, 1);
            var spins = rand([m, side, side], float32, generator: generator).lt_(ConstantScalars.Half).mul_(ConstantScalars.Two).sub_(ConstantScalars.One);
            var threshold = empty([m, side, side], float32);
            for (int sweep = 0; sweep < _sweeps; sweep++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                threshold.uniform_(0, 1, generator).log_().mul_(halfT).neg_();
                foreach (var sublattice in _sublattices)
                {
                    using var stepScope = NewDisposeScope();
                    var neighbours = spins.roll(1, 1).add_(spins.roll(-1, 1), ConstantScalars.One).add_(spins.roll(1, 2), ConstantScalars.One).add_(spins.roll(-1, 2), ConstantScalars.One);
                    // 1 where the spin flips, else 0 (float, computed in place); then s <- s * (1 - 2 flip).
                    var flip = neighbours.mul_(spins).lt_(threshold).mul_(sublattice);
                    spins.mul_(flip.mul_(ConstantScalars.MinusTwo).add_(ConstantScalars.One, ConstantScalars.One));
                }
            }
            inputs.narrow(0, start, m).copy_(spins.view(m, Shape.Inputs));
        }
        return new LabeledBatch(inputs, labels);
    }

    /// <summary>No closed form at finite L.</summary>
    public double[]? AnalyticCorrelationProfile(int label, int maxDistance) => null;

    public KernelClipping? LatentKernelClipping(int label) => null;

    public void Dispose()
    {
        foreach (var sublattice in _sublattices)
        {
            sublattice.Dispose();
        }
    }

    /// <summary>
    /// float32 0/1 masks [L, L] of sites no two of which are neighbours on the torus. Per axis a(i) = i mod 2, except that for odd L
    /// the last index gets a(L - 1) = 2 (it neighbours index 0, also even); colour(i, j) = (a(i) + a(j)) mod k with
    /// k = 2 for even L, 3 for odd L. Neighbours differ in exactly one of a(i), a(j), by 1 or 2, so in colour.
    /// </summary>
    private static Tensor[] Sublattices(int side)
    {
        bool odd = side % 2 == 1;
        int colours = odd ? 3 : 2;
        int AxisColour(int i) => odd && i == side - 1 ? 2 : i % 2;
        var colour = new int[side * side];
        for (int i = 0; i < side; i++)
        {
            for (int j = 0; j < side; j++)
            {
                colour[i * side + j] = (AxisColour(i) + AxisColour(j)) % colours;
            }
        }
        return [.. Enumerable.Range(0, colours).Select(c => tensor(colour.Select(k => k == c ? 1f : 0f).ToArray(), [side, side]))];
    }
}

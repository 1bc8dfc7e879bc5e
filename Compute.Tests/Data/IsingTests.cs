using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class IsingTests
{
    private static LabeledBatch Sample(int side, double[] temperatures, int n, int sweeps, long seed)
    {
        var spec = new DataSpec { Source = DataSource.Ising, Geometry = Geometry.Torus2D, Size = side, IsingTemperatures = temperatures, IsingSweeps = sweeps };
        using var source = ExperimentDataBuilder.CreateSource(spec);
        using var generator = new Generator((ulong)seed, CPU);
        return source.Sample(n, generator);
    }

    /// <summary>Per sample of one class: the mean of s_i s_j over all horizontal and vertical nearest-neighbour bonds.</summary>
    private static double[] NearestNeighbourCorrelations(LabeledBatch batch, int side, int label)
    {
        using var scope = NewDisposeScope();
        var spins = batch.Inputs.index_select(0, batch.Labels.eq(label).nonzero().reshape(-1)).to_type(float64).view(-1, side, side);
        var bonds = (spins * spins.roll(1, 1)).mean([1, 2]).add_((spins * spins.roll(1, 2)).mean([1, 2])).div_(2);
        return bonds.data<double>().ToArray();
    }

    private static double[] AbsoluteMagnetisations(LabeledBatch batch, int label)
    {
        using var scope = NewDisposeScope();
        var spins = batch.Inputs.index_select(0, batch.Labels.eq(label).nonzero().reshape(-1)).to_type(float64);
        return spins.mean([1]).abs().data<double>().ToArray();
    }

    // Paramagnetic temperatures, 100 samples per class at L = 32 (400 at L = 15), 200 sweeps from a random start.
    // Tolerance 0.02: the sampling error (measured below, about 0.003) times 5 is at most 0.02; finite-size corrections
    // fall like exp(-L / xi) with a correlation length xi = 1 / (ln coth(1/T) - 2/T) of 2.1 at T = 3 (below 1e-3 at
    // L = 15); and 200 sweeps are far beyond the few-sweep relaxation time away from T_c = 2.269.
    // Odd L exercises the three-colour sublattice update.
    [Theory]
    [InlineData(32, 200)]
    [InlineData(15, 800)]
    public void Nearest_neighbour_correlation_matches_onsagers_exact_energy_at_paramagnetic_temperatures(int side, int samples)
    {
        double[] temperatures = [3, 4];
        using var batch = Sample(side, temperatures, n: samples, sweeps: 200, seed: 51);

        for (int label = 0; label < 2; label++)
        {
            var (correlation, error) = IndependentSampleStatistics.Mean(NearestNeighbourCorrelations(batch, side, label));
            double exact = OnsagerSolution.NearestNeighbourCorrelation(temperatures[label]);
            Assert.InRange(correlation, exact - 0.02, exact + 0.02);
            Assert.True(5 * error < 0.02, $"standard error {error} too large for a 0.02 tolerance");
        }
    }

    [Fact]
    public void Onsager_oracle_reproduces_known_limits()
    {
        // K(0) = pi / 2 and K(1 / sqrt 2) = Gamma(1/4)^2 / (4 sqrt pi); the ground state has u = -2 (all bonds satisfied);
        // at high T, <s_i s_j> = tanh(1 / T) + O(tanh^3), 2e-6 at T = 100.
        Assert.Equal(Math.PI / 2, OnsagerSolution.CompleteEllipticK(0), 1e-15);
        Assert.Equal(1.8540746773013719, OnsagerSolution.CompleteEllipticK(1 / Math.Sqrt(2)), 1e-14);
        Assert.Equal(-2, OnsagerSolution.EnergyPerSite(0.5), 1e-6);
        Assert.Equal(Math.Tanh(0.01), OnsagerSolution.NearestNeighbourCorrelation(100), 1e-5);
    }

    [Fact]
    public void Low_temperature_spins_are_magnetised_and_high_temperature_spins_are_not()
    {
        // T = 1.5: Onsager's spontaneous magnetisation is 0.986. A sample can still be caught in a stripe state from its
        // random start, so only the mean |m| over 100 samples must exceed 0.9. T = 4: |m| is a finite-size fluctuation,
        // about sqrt(chi T / N) ~ 0.1 at L = 16, so below 0.2.
        double[] temperatures = [1.5, 4];
        using var batch = Sample(16, temperatures, n: 200, sweeps: 200, seed: 52);

        double cold = AbsoluteMagnetisations(batch, 0).Average();
        double hot = AbsoluteMagnetisations(batch, 1).Average();

        Assert.True(OnsagerSolution.SpontaneousMagnetisation(1.5) > 0.98);
        Assert.True(cold > 0.9, $"mean |m| at T = 1.5 is {cold}");
        Assert.True(hot < 0.2, $"mean |m| at T = 4 is {hot}");
    }

    [Fact]
    public void Spins_are_plus_or_minus_one_and_the_profile_has_no_closed_form()
    {
        using var batch = Sample(6, [2, 3], n: 20, sweeps: 3, seed: 53);
        using var source = ExperimentDataBuilder.CreateSource(new DataSpec { Source = DataSource.Ising, Size = 6 });

        Assert.All(batch.Inputs.data<float>().ToArray(), s => Assert.True(s is 1f or -1f));
        Assert.Null(source.AnalyticCorrelationProfile(0, 3));
    }
}

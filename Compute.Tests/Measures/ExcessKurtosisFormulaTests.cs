using LocalityLab.Compute.Measures;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Measures;

/// <summary>
/// The in-place excess kurtosis the permutation null uses (no [N, C] temporaries) against the formula it replaces there,
/// and both against a closed form: a column of +1 and -1 in equal numbers has excess kurtosis exactly -2.
/// </summary>
public sealed class ExcessKurtosisFormulaTests
{
    [Fact]
    public void In_place_it_gives_what_the_allocating_formula_gives_to_float64_rounding()
    {
        var random = new Random(3);
        // Columns of very different shapes: Gaussian, cubed Gaussian (heavy tails), uniform (flat), shifted far from 0.
        const int Rows = 500;
        var values = new double[Rows * 4];
        for (int n = 0; n < Rows; n++)
        {
            double z = SeededSamples.Gaussian(random, 1)[0];
            values[n * 4] = z;
            values[n * 4 + 1] = z * z * z;
            values[n * 4 + 2] = random.NextDouble();
            values[n * 4 + 3] = 1e3 + SeededSamples.Gaussian(random, 1)[0];
        }
        using var input = tensor(values, [Rows, 4]);
        using var scope = NewDisposeScope();

        var expected = ExcessKurtosisFormula.OfColumns(input).data<double>().ToArray();
        var actual = ExcessKurtosisFormula.OfColumnsInPlace(input.clone()).data<double>().ToArray();

        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], actual[c], 1e-9 * Math.Max(1, Math.Abs(expected[c])));
        }
    }

    [Fact]
    public void A_balanced_column_of_plus_and_minus_one_has_excess_kurtosis_minus_two_and_a_constant_column_none()
    {
        var values = new double[8 * 2];
        for (int n = 0; n < 8; n++)
        {
            values[n * 2] = n % 2 == 0 ? 1 : -1; // E[h^4] / E[h^2]^2 = 1, minus 3
            values[n * 2 + 1] = 7;               // no variance: NaN, not a huge number from rounding
        }
        using var input = tensor(values, [8, 2]);
        using var scope = NewDisposeScope();

        var kurtosis = ExcessKurtosisFormula.OfColumnsInPlace(input.clone()).data<double>().ToArray();

        Assert.Equal(-2, kurtosis[0], 1e-12);
        Assert.True(double.IsNaN(kurtosis[1]), $"a constant column gave {kurtosis[1]}");
    }
}

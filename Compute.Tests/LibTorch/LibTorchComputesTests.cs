using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.LibTorch;

/// <summary>Proves the native library loads and computes: if the libstdc++ fix ever breaks, these fail first.</summary>
public sealed class LibTorchComputesTests
{
    [Fact]
    public void Matrix_product_equals_a_hand_computed_product()
    {
        var random = new Random(7);
        const int n = 37, k = 53, m = 29;
        var a = new double[n * k];
        var b = new double[k * m];
        for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() * 2 - 1;

        using var product = tensor(a, [n, k]).matmul(tensor(b, [k, m]));
        var actual = product.data<double>().ToArray();

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double expected = 0;
                for (int t = 0; t < k; t++) expected += a[i * k + t] * b[t * m + j];
                // float64 sums of 53 terms of size <= 1: rounding differences stay below 1e-13.
                Assert.Equal(expected, actual[i * m + j], 1e-12);
            }
        }
    }

    [Fact]
    public void Gradient_of_a_quadratic_is_twice_its_argument()
    {
        using var x = tensor(new[] { 1.5f, -2f, 0.25f }, requires_grad: true);
        using var y = (x * x).sum();
        y.backward();
        Assert.Equal(new[] { 3f, -4f, 0.5f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Reports_libtorch_2_10()
    {
        Assert.StartsWith("2.10.", torch.__version__);
    }
}

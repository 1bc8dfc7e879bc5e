using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LocalityLab.Compute.Hosting;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Hosting;

public sealed class MathLibraryReproducibilityTests
{
    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr GetEnv(string name);

    [Fact]
    public void Loading_the_engine_asks_MKL_for_reproducible_sums_in_the_native_environment()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        // What the runtime does before the engine's first type is used.
        RuntimeHelpers.RunModuleConstructor(typeof(TorchRuntime).Module.ModuleHandle);

        // What MKL reads: the C library's environment, not .NET's copy of it.
        Assert.Equal(MathLibraryReproducibility.Value, Marshal.PtrToStringAnsi(GetEnv(MathLibraryReproducibility.Variable)));
    }

    [Fact]
    public void A_float64_product_gives_the_same_bits_whatever_the_alignment_of_its_operands()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(TorchRuntime).Module.ModuleHandle);
        // The permutation null's product, h = X W^T in float64 with W [K * M, D] (here K = 6, M = 32, D = 36). W is
        // copied to a view at every offset of 0 to 19 doubles into a larger buffer, so its alignment takes all values;
        // without MKL_CBWR most offsets gave other last bits (1,000 of 1,000 checks differed).
        using var generator = new Generator(11);
        using var x = randn([150, 36], dtype: ScalarType.Float64, generator: generator);
        using var w = randn([192, 36], dtype: ScalarType.Float64, generator: generator);
        using var product = x.matmul(w.t());
        var expected = product.data<double>().ToArray();
        for (int offset = 1; offset < 20; offset++)
        {
            using var buffer = zeros([offset + w.numel()], dtype: ScalarType.Float64);
            using var shifted = buffer.narrow(0, offset, w.numel()).view(w.shape);
            shifted.copy_(w);
            using var again = x.matmul(shifted.t());
            Assert.True(expected.SequenceEqual(again.data<double>().ToArray()), $"offset {offset}: the product's bits differ");
        }
    }
}

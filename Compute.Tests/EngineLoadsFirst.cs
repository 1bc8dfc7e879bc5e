using System.Runtime.CompilerServices;
using LocalityLab.Compute.Hosting;

namespace LocalityLab.Compute.Tests;

/// <summary>
/// Runs the engine's module initializer before any test: tests that call TorchSharp directly (a generator, a product)
/// would otherwise load libtorch and MKL before the engine sets MKL_CBWR (MathLibraryReproducibility), and which test
/// runs first is up to the scheduler. On a loaded machine one did, and four reproducibility tests failed in the last
/// bits. The lab, the command line and the benchmarks always touch the engine first.
/// </summary>
internal static class EngineLoadsFirst
{
#pragma warning disable CA2255 // A test assembly's own set-up: before any test class is touched.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Load() => RuntimeHelpers.RunModuleConstructor(typeof(TorchRuntime).Module.ModuleHandle);
}

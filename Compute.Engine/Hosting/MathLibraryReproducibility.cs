using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LocalityLab.Compute.Hosting;

/// <summary>
/// libtorch's CPU build does its float64 matrix products in Intel MKL, whose kernels may sum in an order that depends
/// on how the buffers happen to be aligned: the first permutation null of a fresh process then differed from a rerun's
/// in the last bits (StudyRunnerTests). MKL's conditional numerical reproducibility, MKL_CBWR=AUTO,STRICT, makes
/// every product give the same bits on the same machine whatever the alignment. It is read from the process's native
/// environment when MKL first runs, so it is set there as soon as this assembly loads, before any tensor exists;
/// a value the operator set is kept.
/// </summary>
internal static class MathLibraryReproducibility
{
    public const string Variable = "MKL_CBWR", Value = "AUTO,STRICT";

#pragma warning disable CA2255 // The engine's arithmetic must be reproducible whoever loads it: host, command line or tests.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // .NET's Environment.SetEnvironmentVariable changes only its own copy on Unix; MKL reads the C library's.
            _ = SetEnv(Variable, Value, overwrite: 0);
        }
        else if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, Value);
        }
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv(string name, string value, int overwrite);
}

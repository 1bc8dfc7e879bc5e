namespace LocalityLab.Compute.Tests.LibTorch;

/// <summary>
/// The build's libstdc++ fix (build/TorchSharpNativeFix.targets) must touch only its own copy of
/// libLibTorchSharp.so, and only the version flags, never the NuGet cache.
/// </summary>
public sealed class NativeLibraryFixTests
{
    private const string LibraryName = "libLibTorchSharp.so";
    private const byte VerFlgWeak = 0x2;

    [Fact]
    public void Output_copy_differs_from_the_package_at_most_by_the_weak_flag()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var output = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibraryName));
        var package = File.ReadAllBytes(PackageCopy());
        Assert.Equal(package.Length, output.Length);

        var differences = Enumerable.Range(0, output.Length).Where(i => output[i] != package[i]).ToList();
        bool systemHasVersion = SystemLibstdcxxHasGlibcxx3432();

        // Old libstdc++: exactly one byte (the low byte of one Vernaux vna_flags) gains VER_FLG_WEAK; had the NuGet
        // cache been edited instead, the two files would be equal and this would fail.
        // Modern libstdc++: the package's file is used untouched.
        Assert.Equal(systemHasVersion ? 0 : 1, differences.Count);
        foreach (var i in differences)
        {
            Assert.Equal(package[i] | VerFlgWeak, output[i]);
        }
    }

    private static string PackageCopy()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", LibraryName);
        Assert.True(File.Exists(path), $"TorchSharp's package copy is expected at {path}");
        return path;
    }

    private static bool SystemLibstdcxxHasGlibcxx3432()
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
        ];
        var library = candidates.First(File.Exists);
        var bytes = File.ReadAllBytes(library);
        var needle = "GLIBCXX_3.4.32\0"u8.ToArray();
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}

namespace LocalityLab.Compute.Tests.Hosting;

/// <summary>libtorch's thread count is process-wide: tests that change it must not overlap.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibTorchThreadsCollection
{
    public const string Name = "libtorch threads";
}

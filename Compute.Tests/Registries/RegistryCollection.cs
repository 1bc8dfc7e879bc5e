namespace LocalityLab.Compute.Tests.Registries;

/// <summary>Tests that register a test-only variant in one of the lab's registries, which is process-wide while it lasts: apart from every other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegistryCollection
{
    public const string Name = "registries";
}

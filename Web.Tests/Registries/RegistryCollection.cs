namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// Tests that register a test-only variant in one of the lab's registries (measures, strategies, conditions): a
/// registration is process-wide while it lasts, so they run apart from every other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegistryCollection
{
    public const string Name = "registries";
}

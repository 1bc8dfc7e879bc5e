using LocalityLab.Shared.Experiments.Sources;
using LocalityLab.Shared.Registries;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// The data sources by key: adding one is its descriptor's file in <c>Experiments/Sources/</c> and one line below (and,
/// sampled, the engine's sampler under the same key). The designer lists them in this order.
/// </summary>
public static class DataSources
{
    private static readonly Registry<DataSourceDescriptor> Registry = new("data source", d => d.Key,
    [
        new NlgpSource(),
        new GaussianCloneSource(),
        new IsingSource(),
        new LocalImagesSource(),
    ]);

    /// <summary>Every registered source's descriptor, in the lab's order.</summary>
    public static IReadOnlyList<DataSourceDescriptor> All => Registry.All;

    /// <summary>The registered keys, for messages: "nlgp, gaussianClone, ...".</summary>
    public static string Allowed => Registry.Allowed;

    /// <summary>The descriptor registered under <paramref name="key"/> in any letter case, or null.</summary>
    public static DataSourceDescriptor? Find(string? key) => Registry.Find(key);

    public static bool IsRegistered(DataSource source) => Find(source.Key) is not null;

    /// <summary>The descriptor of a registered source.</summary>
    public static DataSourceDescriptor Describe(this DataSource source) =>
        Find(source.Key) ?? throw new ArgumentException($"No data source is registered as '{source.Key}'; there are {Allowed}.", nameof(source));

    /// <summary>Adds a source after the built-in ones until the returned handle is disposed (a source of one's own, or a test's).</summary>
    public static IDisposable Register(DataSourceDescriptor descriptor) => Registry.Register(descriptor);
}

using LocalityLab.Shared.Experiments.Sources;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// The data sources by key: adding one is its descriptor's file in <c>Experiments/Sources/</c> and one line below (and,
/// sampled, the engine's sampler under the same key). The designer lists them in this order.
/// </summary>
public static class DataSources
{
    private static readonly Lock Registering = new();

    private static DataSourceDescriptor[] _registered =
    [
        new NlgpSource(),
        new GaussianCloneSource(),
        new IsingSource(),
        new LocalImagesSource(),
    ];

    /// <summary>Every registered source's descriptor, in the lab's order.</summary>
    public static IReadOnlyList<DataSourceDescriptor> All => Volatile.Read(ref _registered);

    /// <summary>The registered keys, for messages: "nlgp, gaussianClone, ...".</summary>
    public static string Allowed => string.Join(", ", All.Select(d => d.Key));

    /// <summary>The source registered under <paramref name="key"/> in any letter case, or null.</summary>
    public static DataSource? Find(string? key) =>
        All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase))?.Source;

    public static bool IsRegistered(DataSource source) => All.Any(d => d.Key == source.Key);

    /// <summary>The descriptor of a registered source.</summary>
    public static DataSourceDescriptor Describe(this DataSource source) =>
        All.FirstOrDefault(d => d.Key == source.Key)
        ?? throw new ArgumentException($"No data source is registered as '{source.Key}'; there are {Allowed}.", nameof(source));

    /// <summary>
    /// Adds a source after the built-in ones until the returned handle is disposed (a source of one's own, or a test's).
    /// A key already registered, in any letter case, is refused.
    /// </summary>
    public static IDisposable Register(DataSourceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (Registering)
        {
            if (Find(descriptor.Key) is not null)
            {
                throw new ArgumentException($"A data source is already registered as '{descriptor.Key}'.", nameof(descriptor));
            }
            Volatile.Write(ref _registered, [.. _registered, descriptor]);
        }
        return new Registration(descriptor);
    }

    private sealed class Registration(DataSourceDescriptor descriptor) : IDisposable
    {
        public void Dispose()
        {
            lock (Registering)
            {
                Volatile.Write(ref _registered, [.. _registered.Where(d => !ReferenceEquals(d, descriptor))]);
            }
        }
    }
}

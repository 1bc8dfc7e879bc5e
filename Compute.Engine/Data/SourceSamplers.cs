using LocalityLab.Compute.Data.Samplers;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Data;

/// <summary>The engine's samplers by data source key: a sampled source's sampler is one file and one line here.</summary>
internal static class SourceSamplers
{
    private static readonly Lock Registering = new();

    private static SourceSampler[] _registered =
    [
        new NlgpSampler(),
        new GaussianCloneSampler(),
        new IsingSampler(),
    ];

    /// <summary>The sampler of <paramref name="source"/>, or null where the engine has none (data read from files).</summary>
    public static SourceSampler? Find(DataSource source) => Volatile.Read(ref _registered).FirstOrDefault(s => s.Key == source.Key);

    /// <summary>Adds a sampler until the returned handle is disposed (a test's).</summary>
    public static IDisposable Register(SourceSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        lock (Registering)
        {
            if (_registered.Any(s => s.Key == sampler.Key))
            {
                throw new ArgumentException($"A sampler is already registered for '{sampler.Key}'.", nameof(sampler));
            }
            Volatile.Write(ref _registered, [.. _registered, sampler]);
        }
        return new Registration(sampler);
    }

    private sealed class Registration(SourceSampler sampler) : IDisposable
    {
        public void Dispose()
        {
            lock (Registering)
            {
                Volatile.Write(ref _registered, [.. _registered.Where(s => !ReferenceEquals(s, sampler))]);
            }
        }
    }
}

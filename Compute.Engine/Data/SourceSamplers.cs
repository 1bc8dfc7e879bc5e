using LocalityLab.Compute.Data.Samplers;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Registries;

namespace LocalityLab.Compute.Data;

/// <summary>The engine's samplers by data source key: a sampled source's sampler is one file and one line here.</summary>
internal static class SourceSamplers
{
    private static readonly Registry<SourceSampler> Registry = new("data source sampler", s => s.Key,
    [
        new NlgpSampler(),
        new GaussianCloneSampler(),
        new IsingSampler(),
    ]);

    /// <summary>The sampler of <paramref name="source"/>, or null where the engine has none (data read from files).</summary>
    public static SourceSampler? Find(DataSource source) => Registry.Find(source.Key);

    /// <summary>Adds a sampler until the returned handle is disposed (a test's).</summary>
    public static IDisposable Register(SourceSampler sampler) => Registry.Register(sampler);
}

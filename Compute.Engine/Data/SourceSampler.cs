using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>
/// How the engine samples a data source (<see cref="DataSourceDescriptor"/> with the same key), and what sampling costs
/// for the admission's estimate. One file in <c>Data/Samplers/</c> per sampled source, listed in <see cref="SourceSamplers"/>.
/// </summary>
internal abstract class SourceSampler
{
    public abstract string Key { get; }

    /// <summary>The sampler of a spec whose fields are in range (the caller has checked them), on <paramref name="shape"/>.</summary>
    public abstract IDataSource Create(DataSpec spec, InputShape shape);

    /// <summary>Peak bytes while the sets are drawn, beyond the sets themselves (0: nothing worth counting).</summary>
    public virtual long GenerationBytes(DataSpec spec, int inputs) => 0;

    /// <summary>Seconds to draw <paramref name="sampled"/> inputs (the sets, and online batches) of which
    /// <paramref name="stored"/> make up the fixed sets.</summary>
    public abstract double GenerationSeconds(DataSpec spec, int inputs, long sampled, long stored);
}

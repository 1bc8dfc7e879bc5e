using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data.Samplers;

/// <summary>Metropolis sweeps from a random start per sample; only the fixed sets are drawn ahead.</summary>
internal sealed class IsingSampler : SourceSampler
{
    /// <summary>Seconds per Metropolis spin update, measured on the reference machine.</summary>
    private const double SecondsPerSpinUpdate = 15e-9;

    public override string Key => DataSource.Ising.Key;

    public override IDataSource Create(DataSpec spec, InputShape shape) => new IsingSource(spec.Size, spec.IsingTemperatures, spec.IsingSweeps);

    public override double GenerationSeconds(DataSpec spec, int inputs, long sampled, long stored) =>
        stored * (double)inputs * spec.IsingSweeps * SecondsPerSpinUpdate;
}

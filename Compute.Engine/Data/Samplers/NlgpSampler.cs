using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data.Samplers;

internal sealed class NlgpSampler : LatentFieldSampler
{
    public override string Key => DataSource.Nlgp.Key;

    public override IDataSource Create(DataSpec spec, InputShape shape) =>
        StationaryFieldSource.CreateNlgp(shape, spec.CorrelationLengths, spec.Gain, spec.KernelExponent);
}

using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data.Samplers;

internal sealed class GaussianCloneSampler : LatentFieldSampler
{
    public override string Key => DataSource.GaussianClone.Key;

    public override IDataSource Create(DataSpec spec, InputShape shape) =>
        StationaryFieldSource.CreateGaussianClone(shape, spec.CorrelationLengths, spec.Gain, spec.KernelExponent);
}

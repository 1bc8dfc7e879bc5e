using System.Globalization;

namespace LocalityLab.Shared.Experiments.Sources;

/// <summary>A source built on a latent stationary Gaussian field with kernel exp(-(d / xi)^p), one xi per class.</summary>
internal abstract class LatentFieldSource : DataSourceDescriptor
{
    public override DataFields Fields => DataFields.Geometry | DataFields.Size | DataFields.LatentField;

    public override bool HasLatentKernel => true;

    public override string Describe(DataSpec data) =>
        $"{base.Describe(data)}, xi {Joined(data.CorrelationLengths)}, g {data.Gain.ToString(CultureInfo.InvariantCulture)}";
}

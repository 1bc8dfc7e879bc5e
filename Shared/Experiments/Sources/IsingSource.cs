using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Experiments.Sources;

/// <summary>2D Ising spins (±1) sampled by Metropolis at one temperature per class, on the torus.</summary>
internal sealed class IsingSource : DataSourceDescriptor
{
    public override string Key => "ising";

    public override string Label => "Ising";

    public override DataFields Fields => DataFields.Geometry | DataFields.Size | DataFields.Ising;

    public override Geometry? RequiredGeometry => Geometry.Torus2D;

    public override IEnumerable<ValidationError> Check(DataSpec data)
    {
        if (data.Geometry != RequiredGeometry)
        {
            yield return new("Data.Geometry", $"Data.Geometry must be torus2D for the Ising source; got {char.ToLowerInvariant(data.Geometry.ToString()[0])}{data.Geometry.ToString()[1..]}.");
        }
    }

    public override string Describe(DataSpec data) => $"{base.Describe(data)}, T {Joined(data.IsingTemperatures)}";
}

using System.Globalization;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// What a data source is, said once: its key and label, the spec fields it reads, what it needs of them, how many
/// inputs it gives, and how the runs list names its data. A source is one file in <c>Experiments/Sources/</c> and one
/// line in <see cref="DataSources"/>; a sampled one also has the engine's sampler under the same key.
/// </summary>
public abstract class DataSourceDescriptor
{
    /// <summary>camelCase: the source's name in a spec's JSON.</summary>
    public abstract string Key { get; }

    /// <summary>Its name in the designer's list ("Gaussian clone").</summary>
    public abstract string Label { get; }

    /// <summary>A line the designer shows beside the choice; empty for none.</summary>
    public virtual string Note => "";

    public DataSource Source => new(Key);

    /// <summary>The spec fields it reads, beyond the sample counts every source has.</summary>
    public abstract DataFields Fields { get; }

    /// <summary>Drawn from a generative model (the engine's sampler by this key); false for data read from files, which
    /// cannot train online.</summary>
    public virtual bool Sampled => true;

    /// <summary>A latent Gaussian field whose kernel the engine checks, warning where it is clipped to a valid covariance.</summary>
    public virtual bool HasLatentKernel => false;

    /// <summary>The one geometry the source lives on, or null where the spec chooses.</summary>
    public virtual Geometry? RequiredGeometry => null;

    /// <summary>Inputs are image intensities (drawn in grey) rather than signed values.</summary>
    public virtual bool Images => false;

    /// <summary>The number of inputs D, when it is known without reading files.</summary>
    public virtual int? Inputs(DataSpec data) => data.Geometry == Geometry.Torus2D ? data.Size * data.Size : data.Size;

    /// <summary>What the source needs of the spec's fields beyond their ranges, as errors naming the field.</summary>
    public virtual IEnumerable<ValidationError> Check(DataSpec data) => [];

    /// <summary>The data in a few words for the runs list, after the source's name ("20x20 torus, xi 1/2, g 10").</summary>
    public virtual string Describe(DataSpec data) => data.Geometry == Geometry.Torus2D ? $"{data.Size}x{data.Size} torus" : $"ring of {data.Size}";

    /// <summary>Numbers joined by "/" in the invariant culture ("1/2").</summary>
    protected static string Joined(double[] values) => string.Join("/", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// Where the inputs come from (SCIENCE.md, "Data"), by key: the camelCase name a spec's JSON carries ("nlgp"). What the
/// source is (its parameters, checks, label) is its descriptor in <see cref="DataSources"/>; how it is sampled is the
/// engine's sampler registered under the same key.
/// </summary>
[JsonConverter(typeof(DataSourceJsonConverter))]
public readonly record struct DataSource(string Key)
{
    /// <summary>Nonlinear Gaussian process: x = erf(g z / sqrt 2) / sqrt(gamma(g)), z ~ N(0, C) (Ingrosso &amp; Goldt 2022).</summary>
    public static DataSource Nlgp { get; } = new("nlgp");

    /// <summary>Gaussian inputs with exactly the NLGP's covariance: same second-order statistics, no higher cumulants.</summary>
    public static DataSource GaussianClone { get; } = new("gaussianClone");

    /// <summary>2D Ising spins (±1) sampled by Metropolis at one temperature per class.</summary>
    public static DataSource Ising { get; } = new("ising");

    /// <summary>Grayscale images and labels read from IDX files (the MNIST format) on the server.</summary>
    public static DataSource LocalImages { get; } = new("localImages");

    public override string ToString() => Key;

    /// <summary>JSON: the key in quotes, any letter case; a key no source is registered under is refused with the allowed ones.</summary>
    private sealed class DataSourceJsonConverter : JsonConverter<DataSource>
    {
        public override DataSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"must be one of {DataSources.Allowed} (a name in quotes); got a {reader.TokenType.ToString().ToLowerInvariant()}.");
            }
            var text = reader.GetString()!;
            return DataSources.Find(text)?.Source ?? throw new JsonException($"must be one of {DataSources.Allowed}; got '{text}'.");
        }

        public override void Write(Utf8JsonWriter writer, DataSource value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);
    }
}

using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Experiments;

/// <summary>
/// Enums by name and nothing else: a value is one member's camelCase name (any letter case), exactly. A number, a
/// comma-joined list, a padded or unknown name is refused with the allowed names (not .NET's type names).
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(Name, v => v, StringComparer.OrdinalIgnoreCase);

        private static readonly string Allowed = string.Join(", ", Enum.GetValues<T>().Select(Name));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"must be one of {Allowed} (a name in quotes); got a {reader.TokenType.ToString().ToLowerInvariant()}.");
            }
            var text = reader.GetString()!;
            return ByName.TryGetValue(text, out var value)
                ? value
                : throw new JsonException($"must be one of {Allowed}; got '{text}'.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

        private static string Name(T value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}

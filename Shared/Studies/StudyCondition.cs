using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// Which arm of a study a replicate belongs to, by its key: the camelCase name used in JSON, folders, routes and
/// summaries ("gaussianClone"). What the condition is and does is its descriptor in <see cref="StudyConditions"/>
/// (<see cref="StudyConditions.Describe"/>). Replicate r of every condition shares its initialisation and data order
/// (SCIENCE.md, "Statistics: what a claim needs"), so conditions are compared pairwise by replicate.
/// </summary>
[JsonConverter(typeof(StudyConditionJsonConverter))]
[TypeConverter(typeof(StudyConditionTypeConverter))]
public readonly record struct StudyCondition(string Key) : IComparable<StudyCondition>, IComparable
{
    /// <summary>Iterative magnitude pruning on the spec's data.</summary>
    public static StudyCondition Imp { get; } = new("imp");

    /// <summary>Iterative magnitude pruning on the Gaussian clone of the spec's data (same mean and covariance).</summary>
    public static StudyCondition GaussianClone { get; } = new("gaussianClone");

    /// <summary>One magnitude pruning step from the dense net straight to IMP's final sparsity (its round 1).</summary>
    public static StudyCondition OneShot { get; } = new("oneShot");

    /// <summary>Random survivors removed, at the same per-round sparsity as IMP.</summary>
    public static StudyCondition RandomPruning { get; } = new("randomPruning");

    /// <summary>IMP's masks with the surviving weights randomly reinitialised.</summary>
    public static StudyCondition RandomReinit { get; } = new("randomReinit");

    public override string ToString() => Key;

    /// <summary>In the lab's order of conditions (<see cref="StudyConditions.All"/>); one no longer registered after them, by key.</summary>
    public int CompareTo(StudyCondition other)
    {
        int order = StudyConditions.PositionOrLast(this).CompareTo(StudyConditions.PositionOrLast(other));
        return order != 0 ? order : string.CompareOrdinal(Key, other.Key);
    }

    int IComparable.CompareTo(object? obj) => obj is StudyCondition other ? CompareTo(other)
        : throw new ArgumentException($"A study condition compares only with another; got {obj?.GetType().Name ?? "null"}.", nameof(obj));

    public static bool operator <(StudyCondition left, StudyCondition right) => left.CompareTo(right) < 0;

    public static bool operator >(StudyCondition left, StudyCondition right) => left.CompareTo(right) > 0;

    public static bool operator <=(StudyCondition left, StudyCondition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StudyCondition left, StudyCondition right) => left.CompareTo(right) >= 0;

    /// <summary>JSON: the key in quotes, any letter case; a key no condition is registered under is refused with the allowed ones.</summary>
    private sealed class StudyConditionJsonConverter : JsonConverter<StudyCondition>
    {
        public override StudyCondition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"must be one of {StudyConditions.Allowed} (a name in quotes); got a {reader.TokenType.ToString().ToLowerInvariant()}.");
            }
            var text = reader.GetString()!;
            return StudyConditions.Find(text) ?? throw new JsonException($"must be one of {StudyConditions.Allowed}; got '{text}'.");
        }

        public override void Write(Utf8JsonWriter writer, StudyCondition value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Key);

        public override StudyCondition ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString()!;
            return StudyConditions.Find(text) ?? throw new JsonException($"must be one of {StudyConditions.Allowed}; got '{text}'.");
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, StudyCondition value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.Key);
    }

    /// <summary>
    /// Text (a job engine's arguments, a route or a column): the key, any letter case, or the position of a condition
    /// in the order the lab first numbered them, which a job queued by an older lab carries.
    /// </summary>
    private sealed class StudyConditionTypeConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || sourceType == typeof(long) || sourceType == typeof(int) || base.CanConvertFrom(context, sourceType);

        public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
            destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
        {
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int position) => StudyConditions.Numbered(position),
            string text => StudyConditions.Find(text) ?? throw new FormatException($"A study condition must be one of {StudyConditions.Allowed}; got '{text}'."),
            long position => StudyConditions.Numbered(checked((int)position)),
            int position => StudyConditions.Numbered(position),
            _ => base.ConvertFrom(context, culture, value),
        };

        public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
            destinationType == typeof(string) && value is StudyCondition condition ? condition.Key : base.ConvertTo(context, culture, value, destinationType);
    }
}

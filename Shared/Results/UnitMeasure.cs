using System.Text;

namespace LocalityLab.Shared.Results;

/// <summary>
/// A measure of each first-layer unit, said once: its key (the JSON property of <see cref="RoundResult"/> and
/// <see cref="Results.UnitMeasures"/>, the rounds CSV's column prefix, and in snake_case the round .npz's array), how a unit
/// and a round give it, and how the run page and comparisons chart it. The files and pages read every registered one
/// (<see cref="UnitMeasureKinds"/>).
/// </summary>
/// <param name="Key">camelCase, as the JSON and the CSV name it.</param>
/// <param name="Title">The chart's title: the quantity ("IPR"); the run page adds "(median, quartiles)", a comparison "(median)".</param>
/// <param name="Axis">The chart's y axis: the quantity and its unit.</param>
/// <param name="OfUnit">One unit's value; null for a dead unit, or where the round did not measure it.</param>
/// <param name="OverUnits">The round's distribution over units; null where a round keeps none (then it is in the .npz only).</param>
public sealed record UnitMeasure(string Key, string Title, string Axis, Func<UnitMeasures, double?> OfUnit,
    Func<RoundResult, Distribution>? OverUnits)
{
    /// <summary>
    /// The array's name in a round's .npz: <see cref="Key"/> in snake_case ("excessKurtosisClass0" is
    /// "excess_kurtosis_class0") unless said here, where files were written under another name before.
    /// </summary>
    public string NpzKey
    {
        get => _npzKey ?? SnakeCase(Key);
        init => _npzKey = value;
    }

    private readonly string? _npzKey;

    /// <summary>How a unit's line on the pages names it ("spread" in "IPR 0.1 · spread 0.4"); the title unless said.</summary>
    public string Short
    {
        get => _short ?? Title;
        init => _short = value;
    }

    private readonly string? _short;

    /// <summary>Whether its chart's y axis is logarithmic.</summary>
    public bool LogAxis { get; init; }

    /// <summary>Where the run page and comparisons chart it, 1 first; null where they do not.</summary>
    public int? Chart { get; init; }

    /// <summary>For the same measure within one class: the overall measure's key and the class; its chart draws this one's median dashed.</summary>
    public (string Of, int Label)? WithinClass { get; init; }

    /// <summary>The one rule from a camelCase key to a snake_case name: an underscore before each capital, then lower case.</summary>
    public static string SnakeCase(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = new StringBuilder(key.Length + 4);
        foreach (var c in key)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}

using LocalityLab.Shared.Results;

namespace LocalityLab.Web.Components.Runs;

/// <summary>How measures read on the pages: three significant digits, a dash for none.</summary>
public static class Format
{
    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>A live unit's charted measures (<see cref="UnitMeasureKinds.Charted"/>) on one line: "IPR 0.1 · spread 0.4 · excess kurtosis 2.1".</summary>
    public static string Unit(UnitMeasures unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return string.Join(" · ", UnitMeasureKinds.Charted.Select(m => $"{m.Short} {Number(m.OfUnit(unit))}"));
    }

    public static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (100 * v).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    public static string Duration(TimeSpan? span) => span is not { } s ? "–"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours} h {s.Minutes} min"
        : s.TotalMinutes >= 1 ? $"{s.Minutes} min {s.Seconds} s"
        : $"{s.Seconds} s";
}

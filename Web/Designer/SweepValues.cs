using System.Globalization;

namespace LocalityLab.Web.Designer;

/// <summary>Parses the sweep's value list ("0.1, 1, 3, 10"); every error names the value it could not take.</summary>
public static class SweepValues
{
    public static (double[] Values, string? Error) Parse(string? text, bool integers)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                return ([], $"'{part}' is not a number.");
            }
            if (integers && value != Math.Floor(value))
            {
                return ([], $"'{part}' is not a whole number, and this field takes only whole numbers.");
            }
            if (values.Contains(value))
            {
                return ([], $"'{part}' is listed twice.");
            }
            values.Add(value);
        }
        return values.Count < 2 ? ([.. values], "List at least two values, e.g. 0.1, 1, 3, 10.") : ([.. values], null);
    }
}

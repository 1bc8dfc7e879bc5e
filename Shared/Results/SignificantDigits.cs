using System.Globalization;

namespace LocalityLab.Shared.Results;

/// <summary>
/// A number with a fixed count of significant digits, trailing zeros kept (1.004 reads "1.00", not "1") and never in
/// exponent form (an LI difference can be in the tens, a cavity gain in the ten-thousandths).
/// </summary>
public static class SignificantDigits
{
    public static string Format(double value, int digits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        if (value == 0)
        {
            return (0.0).ToString("F" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        int decimals = Decimals(value, digits);
        double rounded = Math.Round(value, Math.Clamp(decimals, 0, 15), MidpointRounding.AwayFromZero);
        if (decimals < 0)
        {
            double scale = Math.Pow(10, -decimals);
            rounded = Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
        }
        // Rounding can carry into a new leading digit (9.996 -> 10.0): count the digits of what is printed.
        int after = Decimals(rounded, digits);
        if (after < decimals)
        {
            decimals = after;
        }
        return rounded.ToString("F" + Math.Clamp(decimals, 0, 15).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The same, with <paramref name="none"/> for a missing or non-finite value.</summary>
    public static string Format(double? value, string none, int digits = 3) =>
        value is { } v && double.IsFinite(v) ? Format(v, digits) : none;

    private static int Decimals(double value, int digits) => digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
}

using System.Globalization;
using System.Text.Json;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Export;

/// <summary>
/// A study summary as one long-format CSV (one row per band, one per claim) for pandas or R. Written by hand,
/// without a CSV library: every field is a number, a camelCase name or a claim id, none of which holds a comma,
/// quote, semicolon or line break, so nothing needs quoting; a measure key that would is refused.
/// </summary>
public static class StudySummaryCsv
{
    public const string Header = "kind,condition,measure,against,round,sparsity,mean,low,high,n,verdict,values";

    /// <summary>
    /// Numbers in invariant "R" form (round-trip exact), an absent number as an empty field. A band's values are
    /// its per-replicate values joined by ';' with an empty entry for a missing replicate; its against, sparsity
    /// and verdict are empty. A claim's values are empty; its id follows from its measure and against.
    /// </summary>
    public static void Write(StudySummary summary, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var band in summary.Bands)
        {
            Row(writer, "band", StudyConditions.Key(band.Condition), Plain(band.Measure), "", band.Round, null,
                band.Mean, band.Low, band.High, band.N, "", string.Join(';', band.Values.Select(Number)));
        }
        foreach (var claim in summary.Claims)
        {
            Row(writer, "claim", StudyConditions.Key(claim.Condition), Plain(claim.Measure), Plain(claim.Against), claim.Round,
                claim.Sparsity, claim.Mean, claim.Low, claim.High, claim.N,
                JsonNamingPolicy.CamelCase.ConvertName(claim.Verdict.ToString()), "");
        }
    }

    private static void Row(TextWriter writer, string kind, string condition, string measure, string against, int round,
        double? sparsity, double? mean, double? low, double? high, int n, string verdict, string values)
    {
        string[] fields =
        [
            kind, condition, measure, against, round.ToString(CultureInfo.InvariantCulture), Number(sparsity),
            Number(mean), Number(low), Number(high), n.ToString(CultureInfo.InvariantCulture), verdict, values,
        ];
        writer.Write(string.Join(',', fields));
        writer.Write('\n');
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Plain(string field) =>
        field.AsSpan().IndexOfAny(",\";\r\n") < 0
            ? field
            : throw new ArgumentException($"a measure or against must hold no comma, quote, semicolon or line break; got '{field}'", nameof(field));
}

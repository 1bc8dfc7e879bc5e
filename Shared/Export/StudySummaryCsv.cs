using System.Globalization;
using System.Text.Json;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Export;

/// <summary>
/// A study summary as one long-format CSV (one row per band, one per claim, one per check a claim's verdict reads)
/// for pandas or R. Written by hand,
/// without a CSV library: every field is a number, a camelCase name or a claim id, none of which holds a comma,
/// quote, semicolon or line break, so nothing needs quoting; a measure key that would is refused.
/// </summary>
public static class StudySummaryCsv
{
    public const string Header = "kind,condition,measure,against,round,sparsity,mean,low,high,n,verdict,values,claim,comparison";

    /// <summary>
    /// Numbers in invariant "R" form (round-trip exact), an absent number as an empty field. A band's values are
    /// its per-replicate values joined by ';' with an empty entry for a missing replicate; its against, sparsity
    /// and verdict are empty. A claim's values are empty; its claim is its id and its comparison "gap" (at round 0: before
    /// pruning) or "growth" (since round 0). A check row follows its claim with the claim's id and round, the check's
    /// kind as its comparison ("prunedGain", "clone", "versusClone") and the check's own interval and verdict.
    /// </summary>
    public static void Write(StudySummary summary, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var band in summary.Bands)
        {
            Row(writer, "band", band.Condition.Key, Plain(band.Measure), "", band.Round, null,
                band.Mean, band.Low, band.High, band.N, "", string.Join(';', band.Values.Select(Number)), "", "");
        }
        foreach (var claim in summary.Claims)
        {
            Row(writer, "claim", claim.Condition.Key, Plain(claim.Measure), Plain(claim.Against), claim.Round,
                claim.Sparsity, claim.Mean, claim.Low, claim.High, claim.N, Name(claim.Verdict), "", Plain(claim.Id), Name(claim.Comparison));
            foreach (var check in claim.Checks)
            {
                Row(writer, "check", claim.Condition.Key, Plain(claim.Measure), Plain(claim.Against), claim.Round,
                    claim.Sparsity, check.Mean, check.Low, check.High, check.N, Name(check.Verdict), "", Plain(claim.Id), Name(check.Kind));
            }
        }
    }

    private static void Row(TextWriter writer, string kind, string condition, string measure, string against, int round,
        double? sparsity, double? mean, double? low, double? high, int n, string verdict, string values, string claim, string comparison)
    {
        string[] fields =
        [
            kind, condition, measure, against, round.ToString(CultureInfo.InvariantCulture), Number(sparsity),
            Number(mean), Number(low), Number(high), n.ToString(CultureInfo.InvariantCulture), verdict, values, claim, comparison,
        ];
        writer.Write(string.Join(',', fields));
        writer.Write('\n');
    }

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Plain(string field) =>
        field.AsSpan().IndexOfAny(",\";\r\n") < 0
            ? field
            : throw new ArgumentException($"a measure or against must hold no comma, quote, semicolon or line break; got '{field}'", nameof(field));
}

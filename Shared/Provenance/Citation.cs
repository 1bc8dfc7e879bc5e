using System.Globalization;
using System.Text;

namespace LocalityLab.Shared.Provenance;

/// <summary>
/// How to cite one run, study or family: who made it and when, what it is (its identity hash: the same spec gives the
/// same hash), which build of the lab computed it (version and commit) and where it stays (its permalink). In plain
/// text and as a BibTeX entry, as its page offers them.
/// </summary>
/// <param name="Kind">"run", "study" or "family".</param>
/// <param name="Version">The lab build that computed it (<see cref="LabVersion"/>), "1.0.0+commit".</param>
public sealed record Citation(string Kind, string Title, string Owner, DateTimeOffset Created, string Identity, string? Version, Uri Permalink)
{
    /// <summary>The first 12 hex digits of the identity, enough to tell runs apart in a sentence (the BibTeX note has it whole).</summary>
    public string ShortIdentity => Identity.Length > 12 ? Identity[..12] : Identity;

    /// <summary>"ada (2026). Gain sweep [LocalityLab run, identity 3f2a9c1b0d4e]. LocalityLab 1.0.0, commit f468bfe. https://lab/runs/..."</summary>
    public string PlainText =>
        $"{Owner} ({Created.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture)}). {Title} [LocalityLab {Kind}, identity {ShortIdentity}]. "
        + $"{LabVersion.Describe(Version)}. {Permalink}";

    /// <summary>A @misc entry keyed by kind and identity, every field escaped for BibTeX.</summary>
    public string BibTeX
    {
        get
        {
            var entry = new StringBuilder();
            entry.Append("@misc{localitylab-").Append(Kind).Append('-').Append(ShortIdentity).Append(",\n");
            Field(entry, "author", $"{{{Escape(Owner)}}}"); // braced again: a user name, not "First Last"
            Field(entry, "title", $"{{{Escape(Title)}}}: a {{LocalityLab}} {Kind}");
            Field(entry, "year", Created.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture));
            Field(entry, "howpublished", $"\\url{{{Permalink}}}");
            Field(entry, "note", $"{Escape(LabVersion.Describe(Version))}; {Kind} identity (SHA-256) {Identity}");
            if (Version is not null)
            {
                Field(entry, "version", Escape(Version));
            }
            return entry.Append('}').ToString();
        }
    }

    private static void Field(StringBuilder entry, string name, string value) =>
        entry.Append("  ").Append(name.PadRight(12)).Append(" = {").Append(value).Append("},\n");

    /// <summary>BibTeX's special characters written so that they print as themselves.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' or '}' or '%' or '&' or '#' or '_' or '$' => $"\\{c}",
                '^' => "\\^{}",
                '~' => "\\~{}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}

using System.Text;

namespace LocalityLab.Web.Runs;

/// <summary>How files saved from a run are named: after the run, so a folder of downloads says what each one is.</summary>
public static class RunFileNames
{
    /// <summary>The name in lower case, letters and digits kept, every other run of characters one '-'; "run" if nothing is left.</summary>
    public static string Slug(string? name)
    {
        var slug = new StringBuilder();
        foreach (char c in (name ?? "").ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "run" : text[..Math.Min(text.Length, 60)].TrimEnd('-');
    }
}

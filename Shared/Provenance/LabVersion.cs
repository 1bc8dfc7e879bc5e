using System.Reflection;

namespace LocalityLab.Shared.Provenance;

/// <summary>
/// Which build of the lab this is: the informational version the SDK stamps into every assembly of the solution,
/// "1.0.0+" and the commit it was built from. Stored with each run it computes, shown on its pages, written beside
/// the command line's results.
/// </summary>
public static class LabVersion
{
    public static string Current { get; } =
        typeof(LabVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>"LocalityLab 1.0.0, commit f468bfe" for "1.0.0+f468bfe...", or what is known.</summary>
    public static string Describe(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return "LocalityLab, version not recorded";
        }
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? $"LocalityLab {version}"
            : $"LocalityLab {version[..plus]}, commit {version[(plus + 1)..Math.Min(version.Length, plus + 8)]}";
    }

    /// <summary>The commit in full, if the version carries one.</summary>
    public static string? Commit(string? version) =>
        version?.IndexOf('+', StringComparison.Ordinal) is int plus and >= 0 ? version[(plus + 1)..] : null;
}

using System.Text.RegularExpressions;
using LocalityLab.Shared.Provenance;

namespace LocalityLab.Web.Tests.Provenance;

/// <summary>The repository's CITATION.cff (issue 23): the fields CFF 1.2.0 requires, and the version the lab's builds carry.</summary>
public sealed class CitationFileTests
{
    private static readonly string Text = File.ReadAllText(System.IO.Path.Combine(RepositoryFolder.Path(), "CITATION.cff"));

    [Theory]
    [InlineData("cff-version")]
    [InlineData("message")]
    [InlineData("title")]
    [InlineData("authors")]
    public void It_has_each_field_cff_requires(string field) =>
        Assert.Matches(new Regex($"^{Regex.Escape(field)}:", RegexOptions.Multiline), Text);

    [Fact]
    public void Its_version_is_the_lab_build_s()
    {
        string built = LabVersion.Current.Split('+')[0];

        Assert.Equal("1.2.0", Value("cff-version"));
        Assert.Equal(built, Value("version"));
        Assert.Matches(@"^- name: \S", Regex.Match(Text, @"^authors:\s*\n\s*(- name: .+)$", RegexOptions.Multiline).Groups[1].Value);
    }

    private static string Value(string field) => Regex.Match(Text, $"^{Regex.Escape(field)}: *(.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
}

using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Compute.Tests.Provenance;

/// <summary>A run's, study's or family's citation (issue 23): the lab's version and commit, the identity hash and the permalink, in words and in BibTeX.</summary>
public sealed class CitationTests
{
    private static readonly Citation Run = new("run", "Gain sweep 3% & ~half_done", "ada", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero),
        "3f2a9c1b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8", "1.0.0+f468bfe0123456789abcdef0123456789abcdef",
        new Uri("https://lab.example.org/runs/0b0c1d2e-0000-4000-8000-000000000001"));

    [Fact]
    public void The_plain_text_names_the_owner_year_title_kind_identity_build_and_permalink()
    {
        Assert.Equal("ada (2026). Gain sweep 3% & ~half_done [LocalityLab run, identity 3f2a9c1b0d4e]. LocalityLab 1.0.0, commit f468bfe. "
            + "https://lab.example.org/runs/0b0c1d2e-0000-4000-8000-000000000001", Run.PlainText);
    }

    [Fact]
    public void The_bibtex_entry_carries_the_whole_identity_and_commit_with_special_characters_escaped()
    {
        string bib = Run.BibTeX;

        Assert.StartsWith("@misc{localitylab-run-3f2a9c1b0d4e,\n", bib, StringComparison.Ordinal);
        Assert.Contains("  author       = {{ada}},\n", bib, StringComparison.Ordinal);
        Assert.Contains(@"  title        = {{Gain sweep 3\% \& \~{}half\_done}: a {LocalityLab} run},", bib, StringComparison.Ordinal);
        Assert.Contains("  year         = {2026},\n", bib, StringComparison.Ordinal);
        Assert.Contains(@"  howpublished = {\url{https://lab.example.org/runs/0b0c1d2e-0000-4000-8000-000000000001}},", bib, StringComparison.Ordinal);
        Assert.Contains($"run identity (SHA-256) {Run.Identity}", bib, StringComparison.Ordinal);
        Assert.Contains("  version      = {1.0.0+f468bfe0123456789abcdef0123456789abcdef},\n", bib, StringComparison.Ordinal);
        Assert.EndsWith("}", bib, StringComparison.Ordinal);
        // Every brace BibTeX reads is matched (escaped ones, \{ and \}, are text).
        int depth = 0;
        string unescaped = bib.Replace(@"\{", "", StringComparison.Ordinal).Replace(@"\}", "", StringComparison.Ordinal);
        foreach (char c in unescaped)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            Assert.True(depth >= 0, bib);
        }
        Assert.Equal(0, depth);
    }

    [Theory]
    [InlineData("{a}", @"\{a\}")]
    [InlineData(@"a\b", @"a\textbackslash{}b")]
    [InlineData("x^2 #1 $5", @"x\^{}2 \#1 \$5")]
    public void Bibtex_special_characters_print_as_themselves(string text, string escaped) => Assert.Equal(escaped, Citation.Escape(text));

    [Fact]
    public void A_family_s_identity_follows_its_runs_and_their_order_not_its_name()
    {
        static RunInfo Member(string hash) => new(Guid.NewGuid(), "r", "ada", RunStatus.Completed, hash, DateTimeOffset.UnixEpoch, null, null, null, 4, 4, null, null, null, "");
        var a = Member("aa");
        var b = Member("bb");
        var family = new FamilyInfo(Guid.NewGuid(), FamilyKind.Comparison, "one name", null, DateTimeOffset.UnixEpoch, [new(a, "a", null), new(b, "b", null)]);

        Assert.Equal(64, family.Identity.Length);
        Assert.Equal(family.Identity, (family with { Name = "another name", Id = Guid.NewGuid() }).Identity);
        Assert.NotEqual(family.Identity, (family with { Members = [new(b, "b", null), new(a, "a", null)] }).Identity);
        Assert.NotEqual(family.Identity, (family with { Kind = FamilyKind.Sweep, Field = "Data.Gain" }).Identity);
    }
}

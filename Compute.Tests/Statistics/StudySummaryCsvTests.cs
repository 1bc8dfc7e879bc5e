using System.Globalization;
using LocalityLab.Compute.Statistics;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Statistics;

public sealed class StudySummaryCsvTests
{
    private static readonly StudySummary Summary =
        StudyStatistics.Summarize(new SyntheticStudy().Observations, SyntheticStudy.PruningRounds);

    [Fact]
    public void One_row_per_band_claim_and_check_parses_back_to_the_same_numbers()
    {
        string[] lines = Write(Summary);

        Assert.Equal(StudySummaryCsv.Header, lines[0]);
        Assert.Equal(1 + Summary.Bands.Count + Summary.Claims.Count + Summary.Claims.Sum(c => c.Checks.Count), lines.Length);
        Assert.All(lines, line => Assert.Equal(14, line.Split(',').Length));
        for (int i = 0; i < Summary.Bands.Count; i++)
        {
            var band = Summary.Bands[i];
            string[] f = lines[1 + i].Split(',');
            Assert.Equal(["band", StudyStatistics.Name(band.Condition), band.Measure, "", band.Round.ToString(CultureInfo.InvariantCulture), ""], f[..6]);
            Assert.Equal(band.Mean, Parse(f[6]));
            Assert.Equal(band.Low, Parse(f[7]));
            Assert.Equal(band.High, Parse(f[8]));
            Assert.Equal(band.N, int.Parse(f[9], CultureInfo.InvariantCulture));
            Assert.Equal("", f[10]);
            Assert.Equal(band.Values, f[11].Split(';').Select(Parse));
            Assert.Equal(["", ""], f[12..]);
        }
        int line = 1 + Summary.Bands.Count;
        foreach (var claim in Summary.Claims)
        {
            string[] f = lines[line++].Split(',');
            AssertRow(f, "claim", claim, claim.Mean, claim.Low, claim.High, claim.N, claim.Verdict);
            Assert.Equal(claim.Comparison == ClaimComparison.Growth ? "growth" : "gap", f[13]);
            foreach (var check in claim.Checks)
            {
                string[] c = lines[line++].Split(',');
                AssertRow(c, "check", claim, check.Mean, check.Low, check.High, check.N, check.Verdict);
                Assert.Equal(check.Kind switch
                {
                    ClaimCheckKind.PrunedGain => "prunedGain",
                    ClaimCheckKind.Clone => "clone",
                    _ => "versusClone",
                }, c[13]);
            }
        }
        Assert.Contains(lines, l => l.EndsWith(",C1,growth", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("check,", StringComparison.Ordinal) && l.EndsWith(",C3.within,clone", StringComparison.Ordinal));
    }

    private static void AssertRow(string[] f, string kind, ClaimResult claim, double? mean, double? low, double? high, int n, ClaimVerdict verdict)
    {
        Assert.Equal([kind, "imp", claim.Measure, claim.Against, claim.Round.ToString(CultureInfo.InvariantCulture)], f[..5]);
        Assert.Equal(claim.Sparsity, Parse(f[5]));
        Assert.Equal(mean, Parse(f[6]));
        Assert.Equal(low, Parse(f[7]));
        Assert.Equal(high, Parse(f[8]));
        Assert.Equal(n, int.Parse(f[9], CultureInfo.InvariantCulture));
        Assert.Equal(verdict switch
        {
            ClaimVerdict.Supported => "supported",
            ClaimVerdict.Contradicted => "contradicted",
            ClaimVerdict.NotSpecific => "notSpecific",
            _ => "notResolved",
        }, f[10]);
        Assert.Equal("", f[11]);
        Assert.Equal(claim.Id, f[12]);
    }

    [Fact]
    public void Numbers_do_not_follow_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(Write(Summary), WriteInvariant());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_measure_key_that_would_need_quoting_is_refused()
    {
        var band = new MeasureBand(StudyCondition.Imp, "a,b", 0, 1, null, null, 1, [1]);

        Assert.Throws<ArgumentException>(() => Write(new StudySummary([band], [])));
    }

    private static string[] WriteInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return Write(Summary);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string[] Write(StudySummary summary)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        StudySummaryCsv.Write(summary, writer);
        string text = writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    private static double? Parse(string field) =>
        field.Length == 0 ? null : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}

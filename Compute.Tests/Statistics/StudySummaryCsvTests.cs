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
    public void One_row_per_band_and_claim_parses_back_to_the_same_numbers()
    {
        string[] lines = Write(Summary);

        Assert.Equal(StudySummaryCsv.Header, lines[0]);
        Assert.Equal(1 + Summary.Bands.Count + Summary.Claims.Count, lines.Length);
        Assert.All(lines, line => Assert.Equal(12, line.Split(',').Length));
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
        }
        for (int i = 0; i < Summary.Claims.Count; i++)
        {
            var claim = Summary.Claims[i];
            string[] f = lines[1 + Summary.Bands.Count + i].Split(',');
            Assert.Equal(["claim", "imp", claim.Measure, claim.Against, claim.Round.ToString(CultureInfo.InvariantCulture)], f[..5]);
            Assert.Equal(claim.Sparsity, Parse(f[5]));
            Assert.Equal(claim.Mean, Parse(f[6]));
            Assert.Equal(claim.Low, Parse(f[7]));
            Assert.Equal(claim.High, Parse(f[8]));
            Assert.Equal(claim.N, int.Parse(f[9], CultureInfo.InvariantCulture));
            Assert.Equal(claim.Verdict switch
            {
                ClaimVerdict.Supported => "supported",
                ClaimVerdict.Contradicted => "contradicted",
                _ => "notResolved",
            }, f[10]);
            Assert.Equal("", f[11]);
        }
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

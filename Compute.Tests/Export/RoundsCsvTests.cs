using System.Globalization;
using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Tests.Data;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Export;

namespace LocalityLab.Compute.Tests.Export;

public sealed class RoundsCsvTests
{
    [Fact]
    public async Task Every_round_is_a_row_whose_fields_read_back_as_the_round_s_own_numbers()
    {
        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), TestRunner.Small());
        var writer = new StringWriter(CultureInfo.InvariantCulture);

        RoundsCsv.Write(rounds, writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(rounds.Count + 1, lines.Length);
        Assert.Equal(header.Length, header.Distinct().Count());
        for (int i = 0; i < rounds.Count; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal(header.Length, fields.Length);
            string Field(string name) => fields[Array.IndexOf(header, name)];
            double? Number(string name) => Field(name) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
            var round = rounds[i];
            // "R" formatting: every number reads back bit for bit.
            Assert.Equal(round.Round, int.Parse(Field("round"), CultureInfo.InvariantCulture));
            Assert.Equal(round.Sparsity, Number("sparsity"));
            Assert.Equal(round.TestAccuracy, Number("testAccuracy"));
            Assert.Equal(round.Ipr.Median, Number("iprMedian"));
            Assert.Equal(round.Spread.Q3, Number("spreadQ3"));
            Assert.Equal(round.ExcessKurtosisByClass[1].Mean, Number("excessKurtosisClass1Mean"));
            Assert.Equal(round.LocalityIndex.Median, Number("localityIndexMedian"));
            Assert.Equal(round.Cavity.PrunedNext.MedianGain, Number("cavityPrunedNextMedianGain"));
            Assert.Equal(round.DeadUnits, int.Parse(Field("deadUnits"), CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_command_line_writes_rounds_csv_and_the_lab_build_beside_the_results()
    {
        using var folder = new TemporaryFolder();
        var output = new RunOutput(folder.File("run"));
        var spec = TestRunner.Small();
        output.Begin(spec);
        foreach (var round in await TestRunner.CollectAsync(TestRunner.Create(), spec))
        {
            output.Append(round);
        }

        var csv = File.ReadAllLines(folder.File("run/rounds.csv"));
        var lab = File.ReadAllText(folder.File("run/lab.json"));

        Assert.Equal(RoundsCsv.Header, csv[0]);
        Assert.Equal(spec.RoundCount + 1, csv.Length);
        Assert.Contains($"\"version\": \"{Shared.Provenance.LabVersion.Current}\"", lab);
        Assert.Contains('+', Shared.Provenance.LabVersion.Current); // the build stamps the commit
    }
}

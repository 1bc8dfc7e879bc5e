using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using LocalityLab.Compute.Tests.Registries;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Tests.Export;

/// <summary>
/// A per-unit measure is its descriptor and one registration: registered, a test-only measure is an array in the round's
/// .npz and columns in the rounds CSV; unregistered, it is gone from both. The built-ins keep the names stored files use.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class UnitMeasureRegistryTests
{
    private static readonly UnitMeasure DoubleIpr = new("testOnlyDoubleIpr", "Twice the IPR (test only)", "2 IPR",
        u => u.Ipr * 2, r => r.Ipr with { Mean = r.Ipr.Mean * 2 });

    // The rounds CSV's header before the registry, byte for byte.
    private const string HeaderBefore = "round,sparsity,steps,trainLoss,testAccuracy,testLoss,units,deadUnits,seconds,"
        + "iprCount,iprMean,iprQ1,iprMedian,iprQ3,iprMin,iprMax,spreadCount,spreadMean,spreadQ1,spreadMedian,spreadQ3,spreadMin,spreadMax,"
        + "excessKurtosisCount,excessKurtosisMean,excessKurtosisQ1,excessKurtosisMedian,excessKurtosisQ3,excessKurtosisMin,excessKurtosisMax,"
        + "excessKurtosisClass0Count,excessKurtosisClass0Mean,excessKurtosisClass0Q1,excessKurtosisClass0Median,excessKurtosisClass0Q3,excessKurtosisClass0Min,excessKurtosisClass0Max,"
        + "excessKurtosisClass1Count,excessKurtosisClass1Mean,excessKurtosisClass1Q1,excessKurtosisClass1Median,excessKurtosisClass1Q3,excessKurtosisClass1Min,excessKurtosisClass1Max,"
        + "spreadRatioCount,spreadRatioMean,spreadRatioQ1,spreadRatioMedian,spreadRatioQ3,spreadRatioMin,spreadRatioMax,"
        + "localityIndexCount,localityIndexMean,localityIndexQ1,localityIndexMedian,localityIndexQ3,localityIndexMin,localityIndexMax,"
        + "absKurtosisWithinCount,absKurtosisWithinMean,absKurtosisWithinQ1,absKurtosisWithinMedian,absKurtosisWithinQ3,absKurtosisWithinMin,absKurtosisWithinMax,"
        + "nonGaussianityIndexCount,nonGaussianityIndexMean,nonGaussianityIndexQ1,nonGaussianityIndexMedian,nonGaussianityIndexQ3,nonGaussianityIndexMin,nonGaussianityIndexMax,"
        + "cavityPrunedNextCount,cavityPrunedNextMeanDelta,cavityPrunedNextMedianDelta,cavityPrunedNextMeanGain,cavityPrunedNextMedianGain,cavityPrunedNextFractionPositiveGain,cavityPrunedNextRankCorrelationWithMagnitude,"
        + "cavityKeptCount,cavityKeptMeanDelta,cavityKeptMedianDelta,cavityKeptMeanGain,cavityKeptMedianGain,cavityKeptFractionPositiveGain,cavityKeptRankCorrelationWithMagnitude,"
        + "cavityWithinPrunedNextCount,cavityWithinPrunedNextMeanDelta,cavityWithinPrunedNextMedianDelta,cavityWithinPrunedNextMeanGain,cavityWithinPrunedNextMedianGain,cavityWithinPrunedNextFractionPositiveGain,cavityWithinPrunedNextRankCorrelationWithMagnitude,"
        + "cavityWithinKeptCount,cavityWithinKeptMeanDelta,cavityWithinKeptMedianDelta,cavityWithinKeptMeanGain,cavityWithinKeptMedianGain,cavityWithinKeptFractionPositiveGain,cavityWithinKeptRankCorrelationWithMagnitude";

    [Fact]
    public async Task A_registered_measure_is_in_the_npz_and_the_csv_and_gone_once_unregistered()
    {
        var round = (await TestRunner.CollectAsync(TestRunner.Create(), TestRunner.Small()))[^1];

        using (UnitMeasureKinds.Register(DoubleIpr))
        {
            var column = NpzColumn(round, "test_only_double_ipr.npy");
            Assert.Equal(round.UnitMeasures.Select(u => u.Ipr * 2 ?? double.NaN), column!);

            var (header, row) = Csv(round);
            Assert.Equal(HeaderBefore.Split(',').Length + 7, header.Length);
            Assert.Equal(round.Ipr.Mean * 2, double.Parse(row[Array.IndexOf(header, "testOnlyDoubleIprMean")], CultureInfo.InvariantCulture));
            Assert.Equal(round.Ipr.Median, double.Parse(row[Array.IndexOf(header, "testOnlyDoubleIprMedian")], CultureInfo.InvariantCulture));
        }

        Assert.Null(NpzColumn(round, "test_only_double_ipr.npy"));
        Assert.Equal(HeaderBefore, RoundsCsv.Header);
        Assert.Equal(HeaderBefore.Split(',').Length, Csv(round).Row.Length);
    }

    [Fact]
    public void The_built_in_csv_header_is_the_one_files_were_written_with()
    {
        Assert.Equal(HeaderBefore, RoundsCsv.Header);
    }

    [Fact]
    public void Every_built_in_key_is_the_json_name_of_the_round_s_distribution_and_the_unit_s_value()
    {
        // Each Distribution property of a round gets its own count, each double? of a unit its own value, so a
        // measure's functions point at exactly one property.
        var distributions = typeof(RoundResult).GetProperties().Where(p => p.PropertyType == typeof(Distribution)).ToList();
        var unitValues = typeof(UnitMeasures).GetProperties().Where(p => p.PropertyType == typeof(double?)).ToList();
        var unit = new UnitMeasures(0, 1, false, 1, 2, 3, [101, 102], [], 4, 5, 6, 7, 8, 9, 10, 11);
        var round = Round(distributions, unit);

        foreach (var measure in UnitMeasureKinds.All)
        {
            if (measure.WithinClass is { } within)
            {
                Assert.Equal($"{UnitMeasureKinds.ExcessKurtosis}Class{within.Label}", measure.Key);
                Assert.Same(round.ExcessKurtosisByClass[within.Label], measure.OverUnits!(round));
                Assert.Equal(unit.ExcessKurtosisByClass[within.Label], measure.OfUnit(unit));
                continue;
            }
            var ofUnit = measure.OfUnit(unit);
            Assert.Equal(measure.Key, Json(unitValues.Single(p => Equals(p.GetValue(unit), ofUnit)).Name));
            if (measure.OverUnits is { } overUnits)
            {
                var over = overUnits(round);
                Assert.Equal(measure.Key, Json(distributions.Single(p => ReferenceEquals(p.GetValue(round), over)).Name));
                Assert.Contains($"\"{measure.Key}\":{{\"count\":{over.Count}", JsonSerializer.Serialize(round, Shared.Experiments.SpecJson.Options), StringComparison.Ordinal);
            }
        }
        Assert.Equal("excess_kurtosis_class1", UnitMeasureKinds.Find("excessKurtosisClass1")!.NpzKey);
    }

    [Fact]
    public void The_built_in_npz_arrays_keep_the_names_files_were_written_with()
    {
        // As round files were written before the registry (scripts read d["ngi"]), in the registry's order.
        Assert.Equal(["ipr", "spread", "excess_kurtosis", "excess_kurtosis_class0", "excess_kurtosis_class1", "spread_null", "spread_ratio",
            "locality_index", "abs_kurtosis_within", "ngi"], UnitMeasureKinds.All.Select(m => m.NpzKey));
    }

    private static string Json(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    private static RoundResult Round(List<PropertyInfo> distributions, UnitMeasures unit)
    {
        Distribution Counted(int count) => Distribution.Empty with { Count = count };
        var round = new RoundResult
        {
            Round = 0,
            Sparsity = 0,
            Layers = [],
            Steps = 0,
            TrainLoss = 0,
            TestAccuracy = 0,
            TestLoss = 0,
            Units = 1,
            DeadUnits = 0,
            Ipr = Distribution.Empty,
            Spread = Distribution.Empty,
            ExcessKurtosis = Distribution.Empty,
            ExcessKurtosisByClass = [Counted(1000), Counted(1001)],
            Cavity = null!,
            UnitMeasures = [unit],
            Seconds = 0,
        };
        for (int i = 0; i < distributions.Count; i++)
        {
            distributions[i].SetValue(round, Counted(i + 1));
        }
        return round;
    }

    private static double[]? NpzColumn(RoundResult round, string entry)
    {
        using var stream = new MemoryStream();
        RoundNpz.Write(stream, round);
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        if (zip.GetEntry(entry) is not { } found)
        {
            return null;
        }
        using var data = found.Open();
        using var bytes = new MemoryStream();
        data.CopyTo(bytes);
        return NpyFileReader.Doubles(NpyFileReader.Parse(bytes.ToArray()).Data);
    }

    private static (string[] Header, string[] Row) Csv(RoundResult round)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        RoundsCsv.Write([round], writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (lines[0].Split(','), lines[1].Split(','));
    }
}

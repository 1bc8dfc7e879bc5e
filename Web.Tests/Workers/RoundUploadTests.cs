using System.IO.Compression;
using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Tests.Components;

namespace LocalityLab.Web.Tests.Workers;

/// <summary>A worker's round upload is read, or refused naming the field that cannot be read (it was a 500).</summary>
public sealed class RoundUploadTests
{
    private static readonly RoundResult Round = PageLab.Round(2) with
    {
        Checkpoint = new RoundCheckpoint(2, [new NamedArray("mask.0", [2, 3], [1, 0, 1, 1, 0, 0])],
            [new NamedArray("_layers.0.weight", [2, 3], [0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f])],
            [new NamedArray("_layers.0.weight", [2, 3], [1.1f, -1.2f, 1.3f, 1.4f, 1.5f, -1.6f])], [1, 2, 3], [4, 5, 6], 120),
    };

    [Fact]
    public void A_well_formed_upload_reads_back_as_the_round_sent()
    {
        var (round, error) = RoundUpload.From(Guid.NewGuid(), Round).Read();

        Assert.Null(error);
        Assert.Equal(Json(Round with { Arrays = null, Checkpoint = null }), Json(round! with { Arrays = null, Checkpoint = null }));
        Assert.Equal(Round.Arrays!.Weights, round.Arrays!.Weights);
        Assert.Equal(Round.Checkpoint!.TrainedWeights[0].Values, round.Checkpoint!.TrainedWeights[0].Values);
    }

    public static TheoryData<string, string> Garbage => new()
    {
        { "not json", "SummaryJson" },
        { "null", "SummaryJson" },
        { "arrays: random bytes", "Arrays" },
        { "arrays: another version", "Arrays" },
        { "arrays: cut short", "Arrays" },
        { "arrays: a length of two billion", "Arrays" },
        { "arrays: a negative length", "Arrays" },
        { "checkpoint: cut short", "Checkpoint" },
        { "checkpoint: random bytes", "Checkpoint" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_naming_the_field(string garbage, string field)
    {
        var good = RoundUpload.From(Guid.NewGuid(), Round);
        var noise = new byte[300];
        new Random(3).NextBytes(noise);
        var upload = garbage switch
        {
            "not json" => good with { SummaryJson = "{\"round\": 2, \"sparsity\": " },
            "null" => good with { SummaryJson = "null" },
            "arrays: random bytes" => good with { Arrays = [2, .. noise] },
            "arrays: another version" => good with { Arrays = [9, .. good.Arrays[1..]] },
            "arrays: cut short" => good with { Arrays = good.Arrays[..(good.Arrays.Length / 2)] },
            "arrays: a length of two billion" => good with { Arrays = ArraysDeclaring(2_000_000_000) },
            "arrays: a negative length" => good with { Arrays = ArraysDeclaring(-5) },
            "checkpoint: cut short" => good with { Checkpoint = good.Checkpoint[..(good.Checkpoint.Length / 2)] },
            "checkpoint: random bytes" => good with { Checkpoint = [1, .. noise] },
            _ => throw new ArgumentOutOfRangeException(nameof(garbage)),
        };

        var (round, error) = upload.Read();

        Assert.Null(round);
        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_upload_without_its_round_or_conditions_is_refused_naming_the_field()
    {
        var round = RoundUpload.From(Guid.NewGuid(), Round);

        Assert.Equal("Round", new StudyRoundUpload([StudyCondition.Imp], 0, null!).Read().Error?.Field);
        Assert.Equal("Conditions", new StudyRoundUpload(null!, 0, round).Read().Error?.Field);
        Assert.Equal("Conditions", new StudyRoundUpload([], 0, round).Read().Error?.Field);
        Assert.Equal("Conditions", new StudyRoundUpload([new StudyCondition("noSuchCondition")], 0, round).Read().Error?.Field);
        Assert.Equal("Replicate", new StudyRoundUpload([StudyCondition.Imp], -1, round).Read().Error?.Field);
        Assert.Equal(2, new StudyRoundUpload([StudyCondition.Imp], 0, round).Read().Round?.Round);
    }

    /// <summary>Round arrays (version 2) whose weights declare <paramref name="length"/> values and hold none.</summary>
    private static byte[] ArraysDeclaring(int length)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(2);
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli))
        {
            writer.Write(2);
            writer.Write(1);
            writer.Write(3);
            writer.Write(length);
        }
        return buffer.ToArray();
    }

    private static string Json(RoundResult round) => JsonSerializer.Serialize(round, SpecJson.Options);
}

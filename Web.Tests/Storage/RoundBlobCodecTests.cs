using LocalityLab.Shared.Results;

namespace LocalityLab.Web.Tests.Storage;

public sealed class RoundBlobCodecTests
{
    [Fact]
    public void Round_arrays_come_back_bit_for_bit_including_nan()
    {
        var random = new Random(1);
        int units = 7, inputs = 30;
        var arrays = new RoundArrays(units, new InputShape(5, 6),
            [.. Enumerable.Range(0, units * inputs).Select(_ => (float)random.NextDouble() - 0.5f)],
            [.. Enumerable.Range(0, units * inputs).Select(i => (byte)(i % 3 == 0 ? 0 : 1))],
            [.. Enumerable.Range(0, units * inputs).Select(i => (byte)(i % 5 == 0 ? 1 : 0))],
            [.. Enumerable.Range(0, units * inputs).Select(i => i % 3 == 0 ? float.NaN : (float)random.NextDouble())],
            [.. Enumerable.Range(0, units * inputs).Select(i => i % 3 == 0 ? float.NaN : -(float)random.NextDouble())])
        {
            CavityDeltaWithin = [.. Enumerable.Range(0, units * inputs).Select(i => i % 3 == 0 ? float.NaN : (float)random.NextDouble() - 0.2f)],
            CavityGainWithin = [.. Enumerable.Range(0, units * inputs).Select(i => i % 3 == 0 ? float.NaN : (float)random.NextDouble() - 0.7f)],
        };

        var back = RoundBlobCodec.DecodeArrays(RoundBlobCodec.Encode(arrays));

        Assert.Equal((arrays.Units, arrays.Shape), (back.Units, back.Shape));
        Assert.Equal(arrays.Weights, back.Weights);
        Assert.Equal(arrays.Mask, back.Mask);
        Assert.Equal(arrays.PrunedNext, back.PrunedNext);
        Assert.Equal(arrays.CavityDelta.Select(BitConverter.SingleToInt32Bits), back.CavityDelta.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(arrays.CavityGain.Select(BitConverter.SingleToInt32Bits), back.CavityGain.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(arrays.CavityDeltaWithin.Select(BitConverter.SingleToInt32Bits), back.CavityDeltaWithin.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(arrays.CavityGainWithin.Select(BitConverter.SingleToInt32Bits), back.CavityGainWithin.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Round_arrays_stored_before_the_within_class_cavity_still_decode_with_those_arrays_empty()
    {
        // A version-1 blob as the codec wrote it before version 2: version byte 1, then Brotli of the seven fields.
        using var buffer = new MemoryStream();
        buffer.WriteByte(1);
        using (var brotli = new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli))
        {
            writer.Write(1);
            writer.Write(1);
            writer.Write(2);
            foreach (var floats in new[] { new[] { 0.5f, -0.25f } })
            {
                writer.Write(floats.Length);
                writer.Write(floats.SelectMany(BitConverter.GetBytes).ToArray());
            }
            foreach (var bytes in new[] { new byte[] { 1, 0 }, new byte[] { 1, 0 } })
            {
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }
            foreach (var floats in new[] { new[] { 0.1f, float.NaN }, new[] { -0.1f, float.NaN } })
            {
                writer.Write(floats.Length);
                writer.Write(floats.SelectMany(BitConverter.GetBytes).ToArray());
            }
        }

        var back = RoundBlobCodec.DecodeArrays(buffer.ToArray());

        Assert.Equal(new[] { 0.5f, -0.25f }, back.Weights);
        Assert.Equal(new byte[] { 1, 0 }, back.PrunedNext);
        Assert.Equal(-0.1f, back.CavityGain[0]);
        Assert.Empty(back.CavityDeltaWithin);
        Assert.Empty(back.CavityGainWithin);
    }

    [Fact]
    public void A_checkpoint_comes_back_whole()
    {
        var checkpoint = new RoundCheckpoint(3,
            [new NamedArray("mask.0", [2, 3], [1, 0, 1, 1, 0, 0])],
            [new NamedArray("_layers.0.weight", [2, 3], [0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f]), new NamedArray("_layers.0.bias", [2], [0, 1])],
            [new NamedArray("_layers.0.weight", [2, 3], [1.1f, -1.2f, 1.3f, 1.4f, 1.5f, -1.6f])],
            [1, 2, 3, 250],
            [9, 8, 7],
            TotalSteps: 12_345);

        var back = RoundBlobCodec.DecodeCheckpoint(RoundBlobCodec.Encode(checkpoint));

        Assert.Equal((3, 12_345L), (back.Round, back.TotalSteps));
        Assert.Equal(checkpoint.TrainingGeneratorState, back.TrainingGeneratorState);
        Assert.Equal(checkpoint.DataGeneratorState, back.DataGeneratorState);
        foreach (var (expected, actual) in new[] { (checkpoint.NextMasks, back.NextMasks), (checkpoint.RewindWeights, back.RewindWeights), (checkpoint.TrainedWeights, back.TrainedWeights) })
        {
            Assert.Equal(expected.Select(a => (a.Name, string.Join(",", a.Shape), string.Join(",", a.Values))),
                actual.Select(a => (a.Name, string.Join(",", a.Shape), string.Join(",", a.Values))));
        }
    }

    [Fact]
    public void A_blob_of_another_version_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => RoundBlobCodec.DecodeArrays([7, 1, 2]));

        Assert.Contains("version 7", error.Message);
    }
}

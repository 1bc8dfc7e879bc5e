using System.IO.Compression;

namespace LocalityLab.Shared.Results;

/// <summary>
/// Round arrays and checkpoints as compact binary (little-endian, versioned) compressed with Brotli:
/// float arrays are stored raw, so a round of K = 100, D = 1600 is a few hundred KB rather than megabytes of JSON.
/// Round arrays are version 2 (version 1 plus the within-class cavity arrays); version 1 blobs still decode, with those
/// arrays empty. Checkpoints are version 1.
/// </summary>
public static class RoundBlobCodec
{
    private const byte Version = 1;
    private const byte ArraysVersion = 2;

    /// <summary>The most values one array may hold (256 MB of float32); a lab's largest round holds a few million.</summary>
    public const int MaxValues = 1 << 26;

    public static byte[] Encode(RoundArrays arrays) => Compress(ArraysVersion, writer =>
    {
        writer.Write(arrays.Units);
        writer.Write(arrays.Shape.Height);
        writer.Write(arrays.Shape.Width);
        WriteFloats(writer, arrays.Weights);
        WriteBytes(writer, arrays.Mask);
        WriteBytes(writer, arrays.PrunedNext);
        WriteFloats(writer, arrays.CavityDelta);
        WriteFloats(writer, arrays.CavityGain);
        WriteFloats(writer, arrays.CavityDeltaWithin);
        WriteFloats(writer, arrays.CavityGainWithin);
    });

    public static RoundArrays DecodeArrays(byte[] blob) => Decompress(blob, [Version, ArraysVersion], (reader, version) =>
    {
        var arrays = new RoundArrays(
            Units: reader.ReadInt32(),
            Shape: new InputShape(reader.ReadInt32(), reader.ReadInt32()),
            Weights: ReadFloats(reader),
            Mask: ReadBytes(reader),
            PrunedNext: ReadBytes(reader),
            CavityDelta: ReadFloats(reader),
            CavityGain: ReadFloats(reader));
        return version < ArraysVersion ? arrays : arrays with { CavityDeltaWithin = ReadFloats(reader), CavityGainWithin = ReadFloats(reader) };
    });

    public static byte[] Encode(RoundCheckpoint checkpoint) => Compress(Version, writer =>
    {
        writer.Write(checkpoint.Round);
        writer.Write(checkpoint.TotalSteps);
        WriteArrays(writer, checkpoint.NextMasks);
        WriteArrays(writer, checkpoint.RewindWeights);
        WriteArrays(writer, checkpoint.TrainedWeights);
        WriteBytes(writer, checkpoint.TrainingGeneratorState);
        WriteBytes(writer, checkpoint.DataGeneratorState);
    });

    public static RoundCheckpoint DecodeCheckpoint(byte[] blob) => Decompress(blob, [Version], (reader, _) =>
    {
        int round = reader.ReadInt32();
        long totalSteps = reader.ReadInt64();
        var masks = ReadArrays(reader);
        var rewind = ReadArrays(reader);
        var trained = ReadArrays(reader);
        return new RoundCheckpoint(round, masks, rewind, trained, ReadBytes(reader), ReadBytes(reader), totalSteps);
    });

    private static byte[] Compress(byte version, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(version);
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    private static T Decompress<T>(byte[] blob, byte[] versions, Func<BinaryReader, byte, T> read)
    {
        if (blob.Length == 0 || !versions.Contains(blob[0]))
        {
            throw new InvalidDataException(
                $"Stored round data has version {(blob.Length == 0 ? "none" : blob[0])}; this server reads version {string.Join(" or ", versions)}.");
        }
        using var brotli = new BrotliStream(new MemoryStream(blob, 1, blob.Length - 1), CompressionMode.Decompress);
        using var reader = new BinaryReader(brotli);
        try
        {
            return read(reader, blob[0]);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // Brotli's "invalid data", a blob cut short, a string or length that is not one: bytes that are not a round's.
            throw new InvalidDataException($"The stored round data cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A length read from a blob: at least 0 and at most <see cref="MaxValues"/>, so garbage allocates nothing huge.</summary>
    private static int ReadLength(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        return length is >= 0 and <= MaxValues
            ? length
            : throw new InvalidDataException($"An array's length must be 0 to {MaxValues:N0}; got {length:N0}.");
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[ReadLength(reader)];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void WriteBytes(BinaryWriter writer, byte[] values)
    {
        writer.Write(values.Length);
        writer.Write(values);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var values = new byte[ReadLength(reader)];
        reader.BaseStream.ReadExactly(values);
        return values;
    }

    private static void WriteArrays(BinaryWriter writer, IReadOnlyList<NamedArray> arrays)
    {
        writer.Write(arrays.Count);
        foreach (var array in arrays)
        {
            writer.Write(array.Name);
            writer.Write(array.Shape.Length);
            foreach (long dimension in array.Shape)
            {
                writer.Write(dimension);
            }
            WriteFloats(writer, array.Values);
        }
    }

    private static List<NamedArray> ReadArrays(BinaryReader reader)
    {
        int count = ReadLength(reader);
        var arrays = new List<NamedArray>(Math.Min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var shape = new long[ReadLength(reader)];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }
            arrays.Add(new NamedArray(name, shape, ReadFloats(reader)));
        }
        return arrays;
    }
}

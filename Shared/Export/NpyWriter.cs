using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LocalityLab.Shared.Export;

/// <summary>
/// Writes NumPy .npy files, format version 1.0, byte for byte as numpy.save (1.23 and later) does: the magic
/// "\x93NUMPY", version 1.0, a little-endian uint16 header length, then an ASCII dict such as
/// "{'descr': '&lt;f4', 'fortran_order': False, 'shape': (K, D), }" padded with spaces and ended by '\n' so the data
/// starts at a multiple of 64 bytes; then the values, C order, little-endian.
/// </summary>
public static class NpyWriter
{
    private const int Alignment = 64;
    private const int PreambleLength = 10;
    private const int RecordsPerBuffer = 4096;
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>float32 values, descr '&lt;f4'.</summary>
    public static void Write(Stream stream, float[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteHeader(stream, "'<f4'", ShapeOf(values.Length, shape));
        WriteLittleEndian(stream, values, static (span, value) => BinaryPrimitives.WriteSingleLittleEndian(span, value));
    }

    /// <summary>float64 values, descr '&lt;f8'.</summary>
    public static void Write(Stream stream, double[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteHeader(stream, "'<f8'", ShapeOf(values.Length, shape));
        WriteLittleEndian(stream, values, static (span, value) => BinaryPrimitives.WriteDoubleLittleEndian(span, value));
    }

    /// <summary>uint8 values, descr '|u1'.</summary>
    public static void Write(Stream stream, byte[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteHeader(stream, "'|u1'", ShapeOf(values.Length, shape));
        stream.Write(values);
    }

    /// <summary>int32 values, descr '&lt;i4'.</summary>
    public static void Write(Stream stream, int[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteHeader(stream, "'<i4'", ShapeOf(values.Length, shape));
        WriteLittleEndian(stream, values, static (span, value) => BinaryPrimitives.WriteInt32LittleEndian(span, value));
    }

    /// <summary>
    /// A structured array of labels.Length records, each a float32 row of <paramref name="width"/> values and an int32
    /// label: descr [('x', '&lt;f4', (width,)), ('y', '&lt;i4')], shape (n,), records packed (4 width + 4 bytes each).
    /// np.load(f)['x'] is n x width, np.load(f)['y'] the labels.
    /// </summary>
    /// <param name="rows">n x width values, row-major.</param>
    public static void WriteLabeledRows(Stream stream, float[] rows, int[] labels, int width)
    {
        RequireLabeledRows(rows, labels, width);
        string descr = $"[('x', '<f4', ({width.ToString(CultureInfo.InvariantCulture)},)), ('y', '<i4')]";
        WriteHeader(stream, descr, [labels.Length]);
        int recordBytes = 4 * width + 4;
        int perBuffer = Math.Max(1, Math.Min(RecordsPerBuffer, labels.Length));
        var buffer = new byte[(long)perBuffer * recordBytes];
        for (int start = 0; start < labels.Length; start += perBuffer)
        {
            int count = Math.Min(perBuffer, labels.Length - start);
            for (int r = 0; r < count; r++)
            {
                var record = buffer.AsSpan(r * recordBytes, recordBytes);
                var row = rows.AsSpan((start + r) * width, width);
                for (int c = 0; c < width; c++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(record[(4 * c)..], row[c]);
                }
                BinaryPrimitives.WriteInt32LittleEndian(record[(4 * width)..], labels[start + r]);
            }
            stream.Write(buffer, 0, count * recordBytes);
        }
    }

    /// <summary>Throws unless rows holds labels.Length rows of width values.</summary>
    internal static void RequireLabeledRows(float[] rows, int[] labels, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Each row needs at least one value.");
        }
        if ((long)labels.Length * width != rows.Length)
        {
            throw new ArgumentException($"{labels.Length} labels of rows of {width} need {(long)labels.Length * width} values; got {rows.Length}.", nameof(rows));
        }
    }

    /// <summary>Throws unless shape is non-negative and holds exactly length values; returns it.</summary>
    internal static long[] ShapeOf(int length, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Shape ({string.Join(", ", shape)}) has a negative dimension.", nameof(shape));
            }
            product *= dimension;
        }
        if (product != length)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {product} values; got {length}.", nameof(shape));
        }
        return shape;
    }

    private static void WriteHeader(Stream stream, string descr, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var dimensions = shape.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        var tuple = shape.Length == 1 ? $"({dimensions[0]},)" : $"({string.Join(", ", dimensions)})";
        var dict = $"{{'descr': {descr}, 'fortran_order': False, 'shape': {tuple}, }}";
        // Byte for byte as numpy.save (1.23 and later) writes it: spare spaces so the first dimension could grow to
        // 21 digits in place, then, as numpy's _wrap_header, spaces and '\n' so that preamble + header is a multiple
        // of 64 (a whole 64 spaces when it already would be).
        int growth = shape.Length > 0 ? Math.Max(0, GrowthAxisMaxDigits - dimensions[0].Length) : 0;
        int unpadded = dict.Length + growth + 1;
        int padding = Alignment - (PreambleLength + unpadded) % Alignment;
        int headerLength = unpadded + padding;
        if (headerLength > ushort.MaxValue)
        {
            throw new ArgumentException("The .npy 1.0 header is limited to 65535 bytes.", nameof(shape));
        }
        var bytes = new byte[PreambleLength + headerLength];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY", bytes.AsSpan(1));
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(PreambleLength));
        bytes.AsSpan(PreambleLength + dict.Length, growth + padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        stream.Write(bytes);
    }

    private static void WriteLittleEndian<T>(Stream stream, T[] values, SpanWriter<T> write)
        where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        int size = Marshal.SizeOf<T>();
        var buffer = new byte[size * Math.Min(values.Length, RecordsPerBuffer)];
        for (int start = 0; start < values.Length; start += RecordsPerBuffer)
        {
            int count = Math.Min(RecordsPerBuffer, values.Length - start);
            for (int i = 0; i < count; i++)
            {
                write(buffer.AsSpan(i * size), values[start + i]);
            }
            stream.Write(buffer, 0, count * size);
        }
    }

    private delegate void SpanWriter<in T>(Span<byte> destination, T value);
}

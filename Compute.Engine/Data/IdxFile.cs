using System.Buffers.Binary;
using System.IO.Compression;

namespace LocalityLab.Compute.Data;

/// <summary>
/// IDX files, the MNIST format: a big-endian header (magic 0x00000803 and n, rows, cols for unsigned-byte images;
/// 0x00000801 and n for unsigned-byte labels) followed by the bytes. Gzip-compressed files (.gz, as MNIST is
/// distributed) are read too. Every error names the file.
/// </summary>
public static class IdxFile
{
    public const int ImagesMagic = 0x00000803;

    public const int LabelsMagic = 0x00000801;

    public static IdxImages ReadImages(string path)
    {
        using var stream = OpenForReading(path);
        var header = ReadHeader(stream, path, ImagesMagic, dimensions: 3, "unsigned-byte images, n x rows x cols");
        long size = (long)header[0] * header[1] * header[2];
        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"'{path}': {header[0]} images of {header[1]} x {header[2]} pixels are too many to load at once.");
        }
        var pixels = ReadBody(stream, path, size, $"{header[0]} images of {header[1]} x {header[2]} pixels");
        return new IdxImages(header[0], header[1], header[2], pixels);
    }

    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenForReading(path);
        var header = ReadHeader(stream, path, LabelsMagic, dimensions: 1, "unsigned-byte labels, n");
        return ReadBody(stream, path, header[0], $"{header[0]} labels");
    }

    public static void WriteImages(string path, IdxImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var stream = File.Create(path);
        WriteHeader(stream, ImagesMagic, [images.Count, images.Rows, images.Columns]);
        stream.Write(images.Pixels);
    }

    public static void WriteLabels(string path, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var stream = File.Create(path);
        WriteHeader(stream, LabelsMagic, [labels.Length]);
        stream.Write(labels);
    }

    private static Stream OpenForReading(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1f && start[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int magic, int dimensions, string expected)
    {
        var header = new byte[4 * (1 + dimensions)];
        int read = ReadFully(stream, header, path);
        if (read < 4)
        {
            throw new InvalidDataException($"'{path}' is truncated: it ends after {read} bytes, inside the IDX magic number.");
        }
        int actualMagic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actualMagic != magic)
        {
            throw new InvalidDataException(
                $"'{path}' is not an IDX file of {expected}: its magic number is 0x{actualMagic:X8}, expected 0x{magic:X8}.");
        }
        if (read < header.Length)
        {
            throw new InvalidDataException($"'{path}' is truncated: it ends after {read} bytes, inside the {header.Length}-byte IDX header.");
        }
        var sizes = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (i + 1)));
            if (sizes[i] < 0)
            {
                throw new InvalidDataException($"'{path}' has an impossible size {(uint)sizes[i]} in its IDX header.");
            }
        }
        return sizes;
    }

    private static byte[] ReadBody(Stream stream, string path, long size, string announced)
    {
        var body = new byte[size];
        int read = ReadFully(stream, body, path);
        if (read < size)
        {
            throw new InvalidDataException($"'{path}' is truncated: its header announces {announced} ({size} bytes) but only {read} follow.");
        }
        return body;
    }

    private static int ReadFully(Stream stream, byte[] buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is a corrupt gzip file: {e.Message}", e);
        }
    }

    private static void WriteHeader(Stream stream, int magic, int[] sizes)
    {
        var header = new byte[4 * (1 + sizes.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), sizes[i]);
        }
        stream.Write(header);
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LocalityLab.Compute.Tests.Export;

/// <summary>
/// An independent .npy reader written from NumPy's format description (numpy/lib/format.py), sharing no code with
/// the writer: it checks the magic, the version, the header's ASCII text, its padding and 64-byte alignment.
/// </summary>
internal static partial class NpyFileReader
{
    public static ParsedNpy Parse(byte[] file)
    {
        Assert.True(file.Length >= 10, "shorter than the preamble");
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, file[..6]);
        byte major = file[6], minor = file[7];
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8, 2));
        int dataOffset = 10 + headerLength;
        Assert.True(file.Length >= dataOffset, "the header runs past the end of the file");
        var headerBytes = file[10..dataOffset];
        Assert.Equal((byte)'\n', headerBytes[^1]);
        Assert.All(headerBytes[..^1], b => Assert.InRange(b, (byte)0x20, (byte)0x7e)); // printable ASCII
        var header = Encoding.ASCII.GetString(headerBytes);

        var match = HeaderPattern().Match(header);
        Assert.True(match.Success, $"unexpected header: {header}");
        Assert.True(string.IsNullOrWhiteSpace(header[match.Length..].TrimEnd('\n')), "only spaces may follow the dict");
        var shape = match.Groups["shape"].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        return new ParsedNpy(
            major,
            minor,
            header,
            dataOffset,
            match.Groups["descr"].Value,
            match.Groups["fortran"].Value == "True",
            shape,
            file[dataOffset..]);
    }

    public static float[] Singles(byte[] data) =>
        Enumerable.Range(0, data.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(4 * i))).ToArray();

    public static double[] Doubles(byte[] data) =>
        Enumerable.Range(0, data.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(8 * i))).ToArray();

    public static int[] Int32s(byte[] data) =>
        Enumerable.Range(0, data.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4 * i))).ToArray();

    // The dict as numpy writes it: keys sorted, a trailing ", " before the closing brace.
    [GeneratedRegex(@"^\{'descr': (?<descr>'[^']*'|\[.*\]), 'fortran_order': (?<fortran>True|False), 'shape': \((?<shape>[0-9, ]*)\), \}")]
    private static partial Regex HeaderPattern();
}

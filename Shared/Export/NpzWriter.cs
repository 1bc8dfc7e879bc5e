using System.IO.Compression;

namespace LocalityLab.Shared.Export;

/// <summary>
/// Writes a NumPy .npz archive as np.savez_compressed does: a deflated zip of "name.npy" entries, each an
/// <see cref="NpyWriter"/> file; np.load(path)["name"] reads one back. The archive is complete once disposed;
/// the stream stays open (its owner closes it).
/// </summary>
public sealed class NpzWriter(Stream stream) : IDisposable
{
    private readonly ZipArchive archive = new(stream ?? throw new ArgumentNullException(nameof(stream)), ZipArchiveMode.Create, leaveOpen: true);
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public void Add(string name, float[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        NpyWriter.ShapeOf(values.Length, shape);
        AddEntry(name, entry => NpyWriter.Write(entry, values, shape));
    }

    public void Add(string name, double[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        NpyWriter.ShapeOf(values.Length, shape);
        AddEntry(name, entry => NpyWriter.Write(entry, values, shape));
    }

    public void Add(string name, byte[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        NpyWriter.ShapeOf(values.Length, shape);
        AddEntry(name, entry => NpyWriter.Write(entry, values, shape));
    }

    public void Add(string name, int[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        NpyWriter.ShapeOf(values.Length, shape);
        AddEntry(name, entry => NpyWriter.Write(entry, values, shape));
    }

    /// <summary>A structured array of labelled float32 rows, as <see cref="NpyWriter.WriteLabeledRows"/>.</summary>
    public void AddLabeledRows(string name, float[] rows, int[] labels, int width)
    {
        NpyWriter.RequireLabeledRows(rows, labels, width);
        AddEntry(name, entry => NpyWriter.WriteLabeledRows(entry, rows, labels, width));
    }

    public void Dispose() => archive.Dispose();

    /// <summary>Called once the arrays are checked, so a bad argument never leaves a half-written entry.</summary>
    private void AddEntry(string name, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!names.Add(name))
        {
            throw new ArgumentException($"The archive already has an array named '{name}'.", nameof(name));
        }
        // Float arrays barely compress; the fastest deflate keeps an export of a large layer quick and still
        // shrinks masks and labels to a fraction.
        var entry = archive.CreateEntry(name + ".npy", CompressionLevel.Fastest);
        // A fixed timestamp (zip's epoch, as numpy.savez writes) makes the same arrays give the same bytes.
        entry.LastWriteTime = ZipEpoch;
        using var entryStream = entry.Open();
        write(entryStream);
    }
}

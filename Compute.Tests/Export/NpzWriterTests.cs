using System.Buffers.Binary;
using System.IO.Compression;
using LocalityLab.Shared.Export;

namespace LocalityLab.Compute.Tests.Export;

public sealed class NpzWriterTests
{
    [Fact]
    public void Archive_is_a_deflated_zip_of_name_dot_npy_entries_that_parse_like_npy_files()
    {
        float[] weights = [0.5f, -0.25f, 0f, 1f, 2f, -3f];
        byte[] mask = new byte[4000];
        mask.AsSpan(0, 1000).Fill(1);
        double[] delta = [double.NaN, 0.125];
        int[] labels = [1, 0, 1];
        float[] rows = [1f, 2f, 3f, 4f, 5f, 6f];
        using var stream = new MemoryStream();

        using (var npz = new NpzWriter(stream))
        {
            npz.Add("weights", weights, 2, 3);
            npz.Add("mask", mask, 40, 100);
            npz.Add("delta", delta, 2);
            npz.Add("labels", labels, 3);
            npz.AddLabeledRows("test", rows, labels, 2);
        }

        var bytes = stream.ToArray();
        // The first local file header: signature PK\x03\x04, compression method 8 (deflate) at offset 8.
        Assert.Equal(0x04034b50u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(["weights.npy", "mask.npy", "delta.npy", "labels.npy", "test.npy"], zip.Entries.Select(e => e.FullName));
        Assert.True(zip.GetEntry("mask.npy")!.CompressedLength < 1000, "a 0/1 mask of 4000 bytes compresses");

        var w = NpyFileReader.Parse(Read(zip, "weights.npy"));
        Assert.Equal("'<f4'", w.Descr);
        Assert.Equal([2L, 3], w.Shape);
        Assert.Equal(weights, NpyFileReader.Singles(w.Data));
        var m = NpyFileReader.Parse(Read(zip, "mask.npy"));
        Assert.Equal("'|u1'", m.Descr);
        Assert.Equal([40L, 100], m.Shape);
        Assert.Equal(mask, m.Data);
        var d = NpyFileReader.Parse(Read(zip, "delta.npy"));
        Assert.Equal("'<f8'", d.Descr);
        Assert.Equal(delta, NpyFileReader.Doubles(d.Data));
        var l = NpyFileReader.Parse(Read(zip, "labels.npy"));
        Assert.Equal("'<i4'", l.Descr);
        Assert.Equal(labels, NpyFileReader.Int32s(l.Data));
        var t = NpyFileReader.Parse(Read(zip, "test.npy"));
        Assert.Equal("[('x', '<f4', (2,)), ('y', '<i4')]", t.Descr);
        Assert.Equal(3 * 12, t.Data.Length);
    }

    [Fact]
    public void Entries_match_what_the_npy_writer_writes_alone()
    {
        double[] values = [1, 2, 3, 4];
        using var alone = new MemoryStream();
        NpyWriter.Write(alone, values, 2, 2);
        using var stream = new MemoryStream();

        using (var npz = new NpzWriter(stream))
        {
            npz.Add("a", values, 2, 2);
        }

        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(alone.ToArray(), Read(zip, "a.npy"));
    }

    [Fact]
    public void The_stream_stays_open_for_its_owner_after_the_archive_is_finished()
    {
        using var stream = new MemoryStream();
        using (var npz = new NpzWriter(stream))
        {
            npz.Add("x", [1, 2], 2);
        }

        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
    }

    [Fact]
    public void A_repeated_name_or_a_wrong_shape_is_refused_and_leaves_no_broken_entry()
    {
        using var stream = new MemoryStream();
        using (var npz = new NpzWriter(stream))
        {
            npz.Add("x", [1, 2], 2);
            Assert.Throws<ArgumentException>(() => npz.Add("x", [3, 4], 2));
            Assert.Throws<ArgumentException>(() => npz.Add("y", new float[3], 2));
            Assert.Throws<ArgumentException>(() => npz.Add("", new float[2], 2));
            npz.Add("y", new float[2], 2);
        }

        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(["x.npy", "y.npy"], zip.Entries.Select(e => e.FullName));
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}

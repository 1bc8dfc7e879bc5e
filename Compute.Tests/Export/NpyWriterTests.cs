using System.Buffers.Binary;
using LocalityLab.Shared.Export;

namespace LocalityLab.Compute.Tests.Export;

public sealed class NpyWriterTests
{
    [Fact]
    public void Float32_matrix_has_numpys_exact_header_aligned_data_and_little_endian_values()
    {
        float[] values = [1.5f, -0f, float.NaN, float.MaxValue, float.Epsilon, -3.25f];
        using var stream = new MemoryStream();

        NpyWriter.Write(stream, values, 2, 3);

        var file = stream.ToArray();
        var npy = NpyFileReader.Parse(file);
        Assert.Equal((1, 0), (npy.Major, npy.Minor));
        const string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        // numpy.save's layout: 10 bytes of preamble + 60 of dict + 20 spare spaces (so the first dimension could grow to
        // 21 digits) + '\n' = 91, and spaces pad that to 128.
        Assert.Equal(dict + new string(' ', 128 - 10 - dict.Length - 1) + "\n", npy.Header);
        Assert.Equal(128, npy.DataOffset);
        Assert.Equal(128 + 4 * values.Length, file.Length);
        Assert.Equal(new byte[] { 0x00, 0x00, 0xC0, 0x3F }, file[128..132]); // 1.5f, little-endian
        // Bit for bit, so NaN, -0 and denormals survive.
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), NpyFileReader.Singles(npy.Data).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Float64_vector_has_a_one_element_tuple_shape()
    {
        double[] values = [Math.PI, -1e300, double.NaN, 0];
        using var stream = new MemoryStream();

        NpyWriter.Write(stream, values, values.Length);

        var npy = NpyFileReader.Parse(stream.ToArray());
        Assert.Equal("'<f8'", npy.Descr);
        Assert.Contains("'shape': (4,), }", npy.Header);
        Assert.Equal([4L], npy.Shape);
        Assert.Equal(0, npy.DataOffset % 64);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), NpyFileReader.Doubles(npy.Data).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Bytes_are_unsigned_8_bit_with_no_byte_order()
    {
        byte[] values = [0, 1, 1, 0, 255, 7];
        using var stream = new MemoryStream();

        NpyWriter.Write(stream, values, 3, 1, 2);

        var npy = NpyFileReader.Parse(stream.ToArray());
        Assert.Equal("'|u1'", npy.Descr);
        Assert.Equal([3L, 1, 2], npy.Shape);
        Assert.False(npy.FortranOrder);
        Assert.Equal(values, npy.Data);
    }

    [Fact]
    public void Int32_values_are_little_endian()
    {
        int[] values = [0, -1, int.MaxValue, int.MinValue, 258];
        using var stream = new MemoryStream();

        NpyWriter.Write(stream, values, 5);

        var npy = NpyFileReader.Parse(stream.ToArray());
        Assert.Equal("'<i4'", npy.Descr);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x00, 0x00 }, npy.Data[16..20]);
        Assert.Equal(values, NpyFileReader.Int32s(npy.Data));
    }

    [Fact]
    public void A_scalar_has_an_empty_shape()
    {
        using var stream = new MemoryStream();

        NpyWriter.Write(stream, [42.0], []);

        var npy = NpyFileReader.Parse(stream.ToArray());
        Assert.Contains("'shape': (), }", npy.Header);
        Assert.Empty(npy.Shape);
        Assert.Equal([42.0], NpyFileReader.Doubles(npy.Data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(123456789)]
    [InlineData(long.MaxValue)]
    public void The_data_always_starts_at_a_multiple_of_64_bytes(long wide)
    {
        // Each ", 1" adds 3 header characters and the four widths add 1, 2, 9 and 19 digits, so together the cases reach
        // every padding length (a whole 64 spaces at an exact fit), in at most 23 dimensions (numpy 1.x reads 32).
        // A leading 0 keeps the arrays empty whatever the other dimensions.
        for (int ones = 0; ones < 22; ones++)
        {
            long[] shape = [0, wide, .. Enumerable.Repeat(1L, ones)];
            using var stream = new MemoryStream();

            NpyWriter.Write(stream, Array.Empty<byte>(), shape);

            var npy = NpyFileReader.Parse(stream.ToArray());
            Assert.Equal(0, npy.DataOffset % 64);
            Assert.Equal(npy.DataOffset, (int)stream.Length);
            Assert.Equal(shape, npy.Shape);
        }
    }

    [Fact]
    public void A_header_that_fits_64_bytes_exactly_still_gets_numpys_full_64_spaces_of_padding()
    {
        // numpy.save writes the dict, 21 - digits(first dimension) spare spaces, then 64 - (10 + length + 1) % 64
        // spaces and '\n': a whole 64 when the rest is already aligned.
        for (long wide = 1; wide < long.MaxValue / 10; wide *= 10)
        {
            for (int ones = 0; ones < 22; ones++)
            {
                long[] shape = [0, wide, .. Enumerable.Repeat(1L, ones)];
                var dict = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}), }}";
                const int spare = 21 - 1;
                if ((10 + dict.Length + spare + 1) % 64 != 0)
                {
                    continue;
                }
                using var stream = new MemoryStream();
                NpyWriter.Write(stream, Array.Empty<byte>(), shape);
                var npy = NpyFileReader.Parse(stream.ToArray());
                Assert.Equal(dict + new string(' ', spare + 64) + "\n", npy.Header);
                return;
            }
        }
        Assert.Fail("some width and number of ones fit exactly: ones step by 3 characters, widths by 1");
    }

    [Fact]
    public void Labelled_rows_are_a_structured_array_of_a_float32_row_and_an_int32_label()
    {
        float[] rows = [0.5f, -1f, 2f, 3f, 4f, 5f, -6f, 7.25f, 8f];
        int[] labels = [0, 1, 1];
        using var stream = new MemoryStream();

        NpyWriter.WriteLabeledRows(stream, rows, labels, width: 3);

        var npy = NpyFileReader.Parse(stream.ToArray());
        Assert.Equal("[('x', '<f4', (3,)), ('y', '<i4')]", npy.Descr);
        Assert.Equal([3L], npy.Shape);
        Assert.Equal(0, npy.DataOffset % 64);
        const int recordBytes = 3 * 4 + 4;
        Assert.Equal(labels.Length * recordBytes, npy.Data.Length);
        for (int r = 0; r < labels.Length; r++)
        {
            var record = npy.Data.AsSpan(r * recordBytes, recordBytes);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(rows[r * 3 + c], BinaryPrimitives.ReadSingleLittleEndian(record[(4 * c)..]));
            }
            Assert.Equal(labels[r], BinaryPrimitives.ReadInt32LittleEndian(record[12..]));
        }
    }

    [Fact]
    public void Many_labelled_rows_are_written_across_buffer_boundaries_in_order()
    {
        const int count = 10_001, width = 5;
        var rows = Enumerable.Range(0, count * width).Select(i => (float)i).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % 2).ToArray();
        using var stream = new MemoryStream();

        NpyWriter.WriteLabeledRows(stream, rows, labels, width);

        var npy = NpyFileReader.Parse(stream.ToArray());
        var words = NpyFileReader.Singles(npy.Data);
        var ints = NpyFileReader.Int32s(npy.Data);
        for (int r = 0; r < count; r += 997)
        {
            Assert.Equal(rows[r * width + width - 1], words[r * (width + 1) + width - 1]);
            Assert.Equal(labels[r], ints[r * (width + 1) + width]);
        }
    }

    [Fact]
    public void A_shape_that_does_not_hold_the_values_is_refused_before_anything_is_written()
    {
        using var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(() => NpyWriter.Write(stream, new float[6], 4, 2));
        Assert.Throws<ArgumentException>(() => NpyWriter.Write(stream, new float[6], -2, -3));
        Assert.Throws<ArgumentException>(() => NpyWriter.WriteLabeledRows(stream, new float[7], [0, 1], 3));
        Assert.Equal(0, stream.Length);
    }
}

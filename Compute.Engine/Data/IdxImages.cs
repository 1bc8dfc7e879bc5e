namespace LocalityLab.Compute.Data;

/// <summary>The content of an IDX image file: <see cref="Count"/> grayscale images of Rows x Columns unsigned bytes, row-major.</summary>
public sealed record IdxImages
{
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)count * rows * columns)
        {
            throw new ArgumentException($"{count} images of {rows} x {columns} need {(long)count * rows * columns} pixels; got {pixels.LongLength}.", nameof(pixels));
        }
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    public int Count { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Count * Rows * Columns bytes: image k's pixel (r, c) is at k * Rows * Columns + r * Columns + c.</summary>
    public byte[] Pixels { get; }
}

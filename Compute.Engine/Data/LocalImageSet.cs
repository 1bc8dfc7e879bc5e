using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>
/// The images of an IDX pair whose labels are the two <see cref="DataSpec.ImageClasses"/>, in file order, relabelled
/// 0 and 1 and standardised with one global mean and standard deviation (population) of all their pixels.
/// </summary>
internal sealed record LocalImageSet(InputShape Shape, float[] Pixels, long[] Labels)
{
    public int Count => Labels.Length;

    public static LocalImageSet Load(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DataSpecValidator.Require(!string.IsNullOrWhiteSpace(spec.ImagesPath), "Data.ImagesPath is required for the LocalImages source.");
        DataSpecValidator.Require(!string.IsNullOrWhiteSpace(spec.LabelsPath), "Data.LabelsPath is required for the LocalImages source.");
        int[] classes = spec.ImageClasses ?? [];
        DataSpecValidator.Require(classes.Length == 2 && classes[0] != classes[1] && classes.All(c => c is >= 0 and <= 255),
            $"Data.ImageClasses needs two different labels in [0, 255], class 0 first; got [{string.Join(", ", classes)}].");
        string imagesPath = spec.ImagesPath!, labelsPath = spec.LabelsPath!;
        var images = IdxFile.ReadImages(imagesPath);
        var fileLabels = IdxFile.ReadLabels(labelsPath);
        if (fileLabels.Length != images.Count)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {fileLabels.Length} labels.");
        }
        DataSpecValidator.Require(images.Rows > 0 && images.Columns > 0, $"'{imagesPath}' holds images of {images.Rows} x {images.Columns} pixels.");

        int pixels = images.Rows * images.Columns;
        var kept = Enumerable.Range(0, images.Count).Where(k => fileLabels[k] == classes[0] || fileLabels[k] == classes[1]).ToArray();
        var labels = kept.Select(k => fileLabels[k] == classes[0] ? 0L : 1L).ToArray();
        foreach (int label in new[] { 0, 1 })
        {
            DataSpecValidator.Require(labels.Contains(label),
                $"'{labelsPath}' has no image of label {classes[label]} (Data.ImageClasses[{label}]).");
        }

        // Exact integer moments of the kept bytes: the mean and variance carry no rounding from summation.
        long total = (long)kept.Length * pixels;
        Int128 sum = 0, sumOfSquares = 0;
        foreach (int k in kept)
        {
            foreach (byte b in images.Pixels.AsSpan(k * pixels, pixels))
            {
                sum += b;
                sumOfSquares += b * b;
            }
        }
        double mean = (double)sum / total;
        double variance = (double)(sumOfSquares * total - sum * sum) / ((double)total * total);
        DataSpecValidator.Require(variance > 0, $"'{imagesPath}': every kept pixel has the same value, so the images cannot be standardised.");
        double std = Math.Sqrt(variance);
        var standardised = new float[256];
        for (int b = 0; b < 256; b++)
        {
            standardised[b] = (float)((b - mean) / std);
        }

        var values = new float[total];
        for (int i = 0; i < kept.Length; i++)
        {
            var source = images.Pixels.AsSpan(kept[i] * pixels, pixels);
            var target = values.AsSpan(i * pixels, pixels);
            for (int p = 0; p < pixels; p++)
            {
                target[p] = standardised[source[p]];
            }
        }
        return new LocalImageSet(new InputShape(images.Rows, images.Columns), values, labels);
    }
}

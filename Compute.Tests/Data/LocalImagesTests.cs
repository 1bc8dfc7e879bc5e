using System.IO.Compression;
using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Tests.Data;

public sealed class LocalImagesTests : IDisposable
{
    private const int Rows = 2, Columns = 3, Pixels = Rows * Columns;

    // Twenty tiny images; labels 3 and 7 become classes 0 and 1, label 5 must be dropped: 16 are kept. (The lab's
    // ranges hold here too: at least 10 test and 2 training samples.)
    private static readonly byte[] FileLabels = [3, 7, 5, 3, 3, 7, 5, 7, 3, 7, 7, 3, 3, 5, 7, 7, 3, 5, 3, 7];
    private static readonly int[] Kept = [.. Enumerable.Range(0, FileLabels.Length).Where(i => FileLabels[i] != 5)];

    /// <summary>The kept images' classes in file order: 3 is class 0, 7 class 1.</summary>
    private static long[] KeptClasses => [.. Kept.Select(i => FileLabels[i] == 3 ? 0L : 1L)];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte Pixel(int image, int pixel) => (byte)((image * 37 + pixel * 11 + pixel * pixel * 5) % 256);

    private static IdxImages Images(int count) =>
        new(count, Rows, Columns, [.. Enumerable.Range(0, count * Pixels).Select(i => Pixel(i / Pixels, i % Pixels))]);

    private DataSpec WriteFiles(int testSamples, int trainingSamples)
    {
        IdxFile.WriteImages(_folder.File("images.idx"), Images(FileLabels.Length));
        IdxFile.WriteLabels(_folder.File("labels.idx"), FileLabels);
        return Spec(testSamples, trainingSamples);
    }

    private DataSpec Spec(int testSamples, int trainingSamples) => new()
    {
        Source = DataSource.LocalImages,
        ImagesPath = _folder.File("images.idx"),
        LabelsPath = _folder.File("labels.idx"),
        ImageClasses = [3, 7],
        TestSamples = testSamples,
        TrainingSamples = trainingSamples,
    };

    private static ExperimentData Build(DataSpec spec)
    {
        using var generator = new TorchSharp.torch.Generator(1, TorchSharp.torch.CPU);
        return ExperimentDataBuilder.Build(spec, generator);
    }

    [Fact]
    public void Idx_files_round_trip_through_write_and_read()
    {
        var images = Images(4);
        IdxFile.WriteImages(_folder.File("i"), images);
        IdxFile.WriteLabels(_folder.File("l"), [1, 2, 3, 250]);

        var read = IdxFile.ReadImages(_folder.File("i"));
        Assert.Equal((4, Rows, Columns), (read.Count, read.Rows, read.Columns));
        Assert.Equal(images.Pixels, read.Pixels);
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, IdxFile.ReadLabels(_folder.File("l")));
        // Big-endian header: magic 0x00000803, then n = 4, rows = 2, cols = 3.
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 3 }, File.ReadAllBytes(_folder.File("i"))[..16]);
    }

    [Fact]
    public void Keeps_the_two_classes_in_file_order_maps_them_to_0_and_1_and_splits_test_last_train_first()
    {
        using var data = Build(WriteFiles(testSamples: 10, trainingSamples: 5));

        Assert.Equal(16, Kept.Length);
        Assert.Equal(new InputShape(Rows, Columns), data.Shape);
        Assert.Null(data.Online);
        Assert.NotNull(data.Train);
        // The first 5 kept images train (labels 3, 7, 3, 3, 7), the last 10 test; the one between is unused.
        Assert.Equal(new long[] { 0, 1, 0, 0, 1 }, data.Train.Labels.data<long>().ToArray());
        Assert.Equal(KeptClasses[^10..], data.Test.Labels.data<long>().ToArray());
        Assert.Equal(new long[] { 5, Pixels }, data.Train.Inputs.shape);
        Assert.Equal(new long[] { 10, Pixels }, data.Test.Inputs.shape);
    }

    [Fact]
    public void Pixels_are_standardised_with_one_global_mean_and_deviation_of_the_kept_images()
    {
        using var data = Build(WriteFiles(testSamples: 10, trainingSamples: 6));

        var raw = Kept.SelectMany(k => Enumerable.Range(0, Pixels).Select(p => (double)Pixel(k, p))).ToArray();
        double mean = raw.Average();
        double std = Math.Sqrt(raw.Sum(v => (v - mean) * (v - mean)) / raw.Length);
        var expected = raw.Select(v => (v - mean) / std).ToArray();
        var actual = data.Train!.Inputs.data<float>().ToArray().Concat(data.Test.Inputs.data<float>().ToArray()).Select(v => (double)v).ToArray();

        // float32 storage: values of size ~2 carry rounding of ~2e-7.
        MatrixAssert.Close(expected, actual, 1e-6);
        Assert.Equal(0, actual.Average(), 1e-6);
        Assert.Equal(1, actual.Sum(v => v * v) / actual.Length, 1e-6);
    }

    [Fact]
    public void Gzip_compressed_files_read_the_same()
    {
        var spec = WriteFiles(testSamples: 10, trainingSamples: 5);
        foreach (var path in new[] { spec.ImagesPath!, spec.LabelsPath! })
        {
            var bytes = File.ReadAllBytes(path);
            using var file = File.Create(path + ".gz");
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        using var plain = Build(spec);
        using var compressed = Build(spec with { ImagesPath = spec.ImagesPath + ".gz", LabelsPath = spec.LabelsPath + ".gz" });

        Assert.Equal(plain.Test.Inputs.data<float>().ToArray(), compressed.Test.Inputs.data<float>().ToArray());
        Assert.Equal(plain.Train!.Labels.data<long>().ToArray(), compressed.Train!.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Too_few_kept_images_for_the_split_is_an_error_that_gives_the_count()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(WriteFiles(testSamples: 10, trainingSamples: 7)));

        Assert.Contains("only 16 images of labels 3 and 7", error.Message);
    }

    [Fact]
    public void Online_training_is_impossible_from_files_and_the_error_names_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(WriteFiles(testSamples: 10, trainingSamples: 0)));

        Assert.Contains("Data.TrainingSamples", error.Message);
    }

    [Fact]
    public void A_class_missing_from_the_file_is_an_error_that_names_the_label()
    {
        var spec = WriteFiles(testSamples: 10, trainingSamples: 2) with { ImageClasses = [3, 9] };

        var error = Assert.Throws<ArgumentException>(() => Build(spec));

        Assert.Contains("no image of label 9", error.Message);
    }

    [Fact]
    public void A_file_with_the_wrong_magic_number_is_rejected_naming_the_file()
    {
        var spec = WriteFiles(testSamples: 10, trainingSamples: 5);
        IdxFile.WriteLabels(spec.ImagesPath!, FileLabels); // a label file where the images should be

        var error = Assert.Throws<InvalidDataException>(() => Build(spec));

        Assert.Contains(spec.ImagesPath!, error.Message);
        Assert.Contains("magic number is 0x00000801, expected 0x00000803", error.Message);
    }

    [Theory]
    [InlineData(10)] // inside the 16-byte header
    [InlineData(70)] // inside the 120 bytes of pixels
    public void A_truncated_file_is_rejected_naming_the_file(int length)
    {
        var spec = WriteFiles(testSamples: 10, trainingSamples: 5);
        File.WriteAllBytes(spec.ImagesPath!, File.ReadAllBytes(spec.ImagesPath!)[..length]);

        var error = Assert.Throws<InvalidDataException>(() => Build(spec));

        Assert.Contains(spec.ImagesPath!, error.Message);
        Assert.Contains("is truncated", error.Message);
    }

    [Fact]
    public void Image_and_label_counts_that_differ_are_rejected_naming_both_files()
    {
        var spec = WriteFiles(testSamples: 10, trainingSamples: 5);
        IdxFile.WriteLabels(spec.LabelsPath!, FileLabels[..19]);

        var error = Assert.Throws<InvalidDataException>(() => Build(spec));

        Assert.Contains(spec.ImagesPath!, error.Message);
        Assert.Contains(spec.LabelsPath!, error.Message);
    }
}

using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Experiments.Sources;

/// <summary>Grayscale images and labels read from IDX files (the MNIST format) in the lab's image folder.</summary>
internal sealed class LocalImagesSource : DataSourceDescriptor
{
    public override string Key => "localImages";

    public override string Label => "Local images";

    public override DataFields Fields => DataFields.Images;

    public override bool Sampled => false;

    public override bool Images => true;

    /// <summary>Read from the file's header.</summary>
    public override int? Inputs(DataSpec data) => null;

    public override IEnumerable<ValidationError> Check(DataSpec data)
    {
        if (string.IsNullOrWhiteSpace(data.ImagesPath))
        {
            yield return new("Data.ImagesPath",
                "Data.ImagesPath is required for the localImages source (an IDX image file in the lab's image folder, Compute:ImageFolder).");
        }
        if (string.IsNullOrWhiteSpace(data.LabelsPath))
        {
            yield return new("Data.LabelsPath",
                "Data.LabelsPath is required for the localImages source (an IDX label file in the lab's image folder, Compute:ImageFolder).");
        }
        if (data.TrainingSamples <= 0)
        {
            yield return new("Data.TrainingSamples",
                "Data.TrainingSamples must be in [2, 1000000] for the localImages source (it cannot be sampled online); got 0.");
        }
    }

    public override string Describe(DataSpec data) => Path.GetFileName(data.ImagesPath ?? "");
}

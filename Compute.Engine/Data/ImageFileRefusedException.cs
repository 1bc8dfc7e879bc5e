namespace LocalityLab.Compute.Data;

/// <summary>A LocalImages spec named a file outside <see cref="ImageFolder"/>, or one that is missing or unreadable there.</summary>
internal sealed class ImageFileRefusedException(string field, string message, Exception? inner = null)
    : IOException(message, inner)
{
    /// <summary>Data.ImagesPath or Data.LabelsPath.</summary>
    public string Field { get; } = field;
}

namespace LocalityLab.Web.Storage;

/// <summary>A named spec saved from the designer, per owner.</summary>
public sealed class TemplateRecord
{
    public required string Owner { get; set; }

    public required string Name { get; set; }

    public required string SpecJson { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

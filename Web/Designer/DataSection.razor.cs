using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using Microsoft.AspNetCore.Components;

namespace LocalityLab.Web.Designer;

/// <summary>The data fields of a spec; every change comes out as a new DataSpec (or seed).</summary>
public partial class DataSection
{
    /// <summary>P restored when online training is switched off.</summary>
    public const int DefaultTrainingSamples = 20_000;

    [Parameter, EditorRequired]
    public DataSpec Data { get; set; } = new();

    [Parameter]
    public long Seed { get; set; }

    [Parameter]
    public IReadOnlyList<ValidationError> Errors { get; set; } = [];

    [Parameter]
    public EventCallback<DataSpec> DataChanged { get; set; }

    [Parameter]
    public EventCallback<long> SeedChanged { get; set; }

    /// <summary>The chosen source's descriptor; null for a key no source is registered under (the validator names it).</summary>
    private DataSourceDescriptor? Source => DataSources.Find(Data.Source.Key);

    /// <summary>Whether the chosen source reads these fields, so the designer shows (or enables) them.</summary>
    private bool Reads(DataFields fields) => Source is { } source && (source.Fields & fields) == fields;

    private static string SourceLabel(DataSource source) => DataSources.Find(source.Key)?.Label ?? source.Key;


    private string? Err(params string[] fields) => FieldErrors.For(Errors, fields);

    private Task Emit(DataSpec data) => DataChanged.InvokeAsync(data);

    private Task SourceChanged(DataSource source) =>
        // A source that lives on one geometry (Ising: the torus) moves the geometry along rather than leaving an error behind.
        Emit(Data with { Source = source, Geometry = source.Describe().RequiredGeometry ?? Data.Geometry });


    private Task OnlineChanged(bool online) => Emit(Data with { TrainingSamples = online ? 0 : DefaultTrainingSamples });

    private static T Pair<T>(T[]? values, int index) => values is not null && index < values.Length ? values[index] : default!;

    private static T[] With<T>(T[]? values, int index, T value)
    {
        var copy = new T[2];
        for (int i = 0; i < 2; i++)
        {
            copy[i] = i == index ? value : Pair(values, i);
        }
        return copy;
    }
}

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

    private bool IsFieldSource => Data.Source is DataSource.Nlgp or DataSource.GaussianClone;


    private string? Err(params string[] fields) => FieldErrors.For(Errors, fields);

    private Task Emit(DataSpec data) => DataChanged.InvokeAsync(data);

    private Task SourceChanged(DataSource source) =>
        // Ising lives on the torus only; switching to it moves the geometry along rather than leaving an error behind.
        Emit(Data with { Source = source, Geometry = source == DataSource.Ising ? Geometry.Torus2D : Data.Geometry });


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

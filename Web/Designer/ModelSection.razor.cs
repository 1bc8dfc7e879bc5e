using System.Globalization;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using Microsoft.AspNetCore.Components;

namespace LocalityLab.Web.Designer;

/// <summary>The network and its training; changes come out as a new ModelSpec or TrainingSpec.</summary>
public partial class ModelSection
{
    [Parameter, EditorRequired]
    public ModelSpec Model { get; set; } = new();

    [Parameter, EditorRequired]
    public TrainingSpec Training { get; set; } = new();

    [Parameter]
    public IReadOnlyList<ValidationError> Errors { get; set; } = [];

    [Parameter]
    public EventCallback<ModelSpec> ModelChanged { get; set; }

    [Parameter]
    public EventCallback<TrainingSpec> TrainingChanged { get; set; }

    private string? _widthsParseError;

    private string WidthsText => string.Join(", ", Model.HiddenWidths ?? []);

    private string? WidthsError => _widthsParseError
        ?? FieldErrors.For(Errors, ["Model.HiddenWidths", .. Enumerable.Range(0, ExperimentSpecValidator.MaxMlpLayers).Select(i => $"Model.HiddenWidths[{i}]")]);

    private string? Err(string field) => FieldErrors.For(Errors, field);

    private Task EmitModel(ModelSpec model) => ModelChanged.InvokeAsync(model);

    private Task EmitTraining(TrainingSpec training) => TrainingChanged.InvokeAsync(training);

    private Task WidthsChanged(string? text)
    {
        var widths = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int width))
            {
                _widthsParseError = $"Model.HiddenWidths: '{part}' is not a whole number.";
                return Task.CompletedTask;
            }
            widths.Add(width);
        }
        _widthsParseError = null;
        return EmitModel(Model with { HiddenWidths = [.. widths] });
    }
}

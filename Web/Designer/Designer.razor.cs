using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LocalityLab.Web.Designer;

/// <summary>
/// The experiment designer: composes the section components, keeps the spec, and talks to the services
/// (admission for errors and estimates, the previewer, the experiment service, the template and run stores).
/// </summary>
public partial class Designer
{
    /// <summary>Samples per class the preview draws: enough for a smooth profile and histogram, fast at D = 4096.</summary>
    public const int PreviewSamplesPerClass = 64;

    /// <summary>Typing pauses shorter than this do not start a preview.</summary>
    public static readonly TimeSpan PreviewDebounce = TimeSpan.FromMilliseconds(300);

    private ExperimentSpec _spec = ExperimentPresets.Quick;
    private IReadOnlyList<ValidationError> _errors = [];
    private ResourceEstimate? _estimate;
    private DataPreview? _preview;
    private bool _previewBusy;
    private string? _previewError;
    private CancellationTokenSource? _previewCancel;
    private IReadOnlyList<SpecTemplate> _templates = [];
    private string? _sweepError;
    private string? _loadError;
    private bool _submitting;
    private readonly CancellationTokenSource _disposed = new();

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The signed-in member: the services store runs, studies and templates under their name.</summary>
    private System.Security.Claims.ClaimsPrincipal _caller = new();

    [Inject]
    private ILabEngine Engine { get; set; } = default!;

    [Inject]
    private ExperimentService Experiments { get; set; } = default!;

    [Inject]
    private TemplateService Templates { get; set; } = default!;

    [Inject]
    private FamilyService Families { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>"Duplicate and edit": the id of a stored run whose spec fills the form.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public Guid? From { get; set; }

    private bool CanSubmit => _errors.Count == 0 && !_submitting;

    protected override async Task OnInitializedAsync()
    {
        _caller = (await AuthenticationState).User;
        if (From is { } runId)
        {
            if (await Experiments.SpecAsync(_caller, runId, _disposed.Token) is { } spec)
            {
                _spec = spec with { Name = $"{spec.Name} (copy)" };
            }
            else
            {
                _loadError = $"No stored run {runId}; starting from the quick demo instead.";
            }
        }
        Revalidate();
        SchedulePreview();
        await RefreshTemplatesAsync();
    }

    private void SetSpec(ExperimentSpec spec)
    {
        spec = ExperimentPresets.Edited(_spec, spec);
        bool dataChanged = !ReferenceEquals(spec.Data, _spec.Data) || spec.Seed != _spec.Seed;
        _spec = spec;
        Revalidate();
        if (dataChanged)
        {
            SchedulePreview();
        }
    }

    private void ApplyPreset(ExperimentSpec preset) => SetSpec(preset);

    private void ApplyImported(ExperimentSpec spec)
    {
        SetSpec(spec);
        Snackbar.Add($"Imported \"{spec.Name}\".", Severity.Success);
    }

    private void LoadTemplate(SpecTemplate template)
    {
        SetSpec(template.Spec);
        Snackbar.Add($"Loaded template \"{template.Name}\".", Severity.Info);
    }

    private void Revalidate()
    {
        _errors = Engine.Check(_spec);
        _estimate = null;
        if (ExperimentSpecValidator.Validate(_spec).Count == 0)
        {
            try
            {
                _estimate = Engine.Estimate(_spec);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // Engine.Check already reported the unreadable image file next to its field.
            }
        }
    }

    private void SchedulePreview()
    {
        _previewCancel?.Cancel();
        _previewCancel?.Dispose();
        _previewCancel = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _ = PreviewAsync(_spec.Data, _spec.Seed, _previewCancel.Token);
    }

    private async Task PreviewAsync(DataSpec data, long seed, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(PreviewDebounce, cancellationToken);
            var dataErrors = ExperimentSpecValidator.Validate(_spec with { Data = data })
                .Where(e => e.Field.StartsWith("Data.", StringComparison.Ordinal)).ToList();
            if (dataErrors.Count > 0)
            {
                _previewError = "Fix the data fields to see a preview.";
                _previewBusy = false;
                await InvokeAsync(StateHasChanged);
                return;
            }
            _previewBusy = true;
            await InvokeAsync(StateHasChanged);
            // The preview is CPU work for the engine; off the circuit's thread so the form stays responsive.
            var preview = await Task.Run(() => Engine.Preview(_spec with { Data = data }, PreviewSamplesPerClass, seed, cancellationToken), cancellationToken);
            _preview = preview;
            _previewError = null;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            _previewError = $"No preview: {e.Message}";
        }
        _previewBusy = false;
        if (!cancellationToken.IsCancellationRequested)
        {
            await InvokeAsync(StateHasChanged);
        }
    }

    private async Task SubmitAsync()
    {
        _submitting = true;
        try
        {
            var outcome = await Experiments.SubmitAsync(_caller, _spec, runAgain: false, _disposed.Token);
            if (outcome.Run is { } run)
            {
                if (outcome.AlreadyComputed)
                {
                    Snackbar.Add("This spec has been run before; opening that run.", Severity.Info);
                }
                Navigation.NavigateTo($"/runs/{run.Id}");
                return;
            }
            _errors = outcome.Errors;
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task QueueSweepAsync((string Field, double[] Values) sweep)
    {
        _submitting = true;
        try
        {
            var (family, errors) = await Families.SubmitSweepAsync(_caller, new SweepRequest(_spec, sweep.Field, sweep.Values), _disposed.Token);
            if (family is not null)
            {
                _sweepError = null;
                Navigation.NavigateTo($"/families/{family.Id}");
                return;
            }
            // Each member's error starts with its label, "Data.Gain = 250: ...", which names the bad value.
            _sweepError = string.Join(" ", errors.Select(e => e.Message));
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task SaveTemplateAsync(string name)
    {
        var errors = await Templates.SaveAsync(_caller, name, _spec, _disposed.Token);
        if (errors.Count > 0)
        {
            Snackbar.Add($"The template was not saved: {string.Join(" ", errors.Select(e => e.Message))}", Severity.Error);
            return;
        }
        Snackbar.Add($"Saved template \"{name}\".", Severity.Success);
        await RefreshTemplatesAsync();
    }

    private async Task DeleteTemplateAsync(string name)
    {
        await Templates.DeleteAsync(_caller, name, _disposed.Token);
        await RefreshTemplatesAsync();
    }

    private async Task RefreshTemplatesAsync() =>
        _templates = await Templates.ListAsync(_caller, _disposed.Token);

    public void Dispose()
    {
        _disposed.Cancel();
        _previewCancel?.Dispose();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}

using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Engine;

/// <summary>The spec is invalid or beyond this server's limits; nothing was computed.</summary>
public sealed class ExperimentRejectedException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.Message)))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

namespace LocalityLab.Shared.Validation;

/// <summary>One problem with a spec: the field's path (e.g. "Data.Gain") and a message naming the allowed range.</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => Message;
}

using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Cli;

/// <summary>A study's progress on the terminal: which condition and replicates, their round and step.</summary>
public sealed class StudyTerminalProgress(TextWriter writer) : IProgress<StudyProgress>
{
    private readonly TerminalProgress _line = new(writer);
    // Replicates report from their own streams at once: one at a time, or two first reports both print the heading.
    private readonly Lock _gate = new();
    private StudyCondition? _condition;

    public void Report(StudyProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_condition != value.Condition)
            {
                _line.EndLine();
                writer.WriteLine($"{StudyConditions.Label(value.Condition)}: replicates {string.Join(", ", value.Replicates)}");
                _condition = value.Condition;
            }
            _line.Report(value.Training);
        }
    }

    public void EndLine()
    {
        lock (_gate)
        {
            _line.EndLine();
        }
    }
}

using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Cli;

/// <summary>One self-overwriting status line on the terminal (plain lines when output is redirected).</summary>
public sealed class TerminalProgress(TextWriter writer) : IProgress<TrainingProgress>
{
    private readonly bool _interactive = !Console.IsErrorRedirected;

    public void Report(TrainingProgress value)
    {
        var line = $"round {value.Round}/{value.TotalRounds}  step {value.Step:N0}/{value.StepsInRound:N0}  loss {value.Loss:F4}"
            + (value.StepsPerSecond > 0 ? $"  {value.StepsPerSecond:N0} steps/s" : "");
        if (_interactive)
        {
            writer.Write("\r" + line.PadRight(78));
        }
        else if (value.Step == value.StepsInRound)
        {
            writer.WriteLine(line);
        }
    }

    public void EndLine()
    {
        if (_interactive)
        {
            writer.WriteLine();
        }
    }
}

using LocalityLab.Compute.Cli;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Cli;

/// <summary>The study's terminal progress, reported to by replicates on several streams at once.</summary>
public sealed class StudyTerminalProgressTests
{
    [Fact]
    public async Task Replicates_reporting_at_once_print_their_condition_s_heading_once()
    {
        // Two streams start a condition together: each first report used to see no heading yet and print it (the
        // paper preset's terminal said "IMP: replicates ..." twice). Many fresh starts, so an unguarded race shows.
        var progress = new StudyProgress(StudyCondition.Imp, [0, 1], new TrainingProgress(0, 10, 1, 100, 0.5, 1000));
        for (int trial = 0; trial < 200; trial++)
        {
            using var output = new StringWriter();
            var terminal = new StudyTerminalProgress(TextWriter.Synchronized(output));
            using var start = new Barrier(4);
            var reporters = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                terminal.Report(progress);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Task.WhenAll(reporters);

            int headings = output.ToString().Split('\n').Count(line => line.StartsWith("IMP: replicates 0, 1", StringComparison.Ordinal));
            Assert.True(headings == 1, $"trial {trial}: the heading was printed {headings} times");
        }
    }
}

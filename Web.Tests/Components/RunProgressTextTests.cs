using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Components.Runs;

namespace LocalityLab.Web.Tests.Components;

/// <summary>The run's progress line between rounds (issue 23: it read "0 steps/s · ETA –" while the next round was being prepared).</summary>
public sealed class RunProgressTextTests
{
    private static readonly RunInfo Run = new(Guid.NewGuid(), "run", "ada", RunStatus.Running, "hash", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        null, null, RoundsCompleted: 2, TotalRounds: 5, QueuePosition: null, Sparsity: 0.5, TestAccuracy: 0.9, DataSummary: "data");

    [Fact]
    public void Between_rounds_it_says_the_round_is_starting_with_no_rate_or_eta()
    {
        string text = RunProgressText.Describe(Run, new TrainingProgress(2, 4, 0, 200, 0, 0, MeasureSeconds: 1.5));

        Assert.Equal("Round 2 of 4 · starting · 2 of 5 rounds done", text);
    }

    [Fact]
    public void While_training_it_gives_the_step_rate_loss_and_eta()
    {
        string text = RunProgressText.Describe(Run, new TrainingProgress(2, 4, 50, 200, 0.25, 100));

        Assert.StartsWith("Round 2 of 4 · step 50 of 200 · 100 steps/s · loss ", text, StringComparison.Ordinal);
        Assert.EndsWith("· ETA 5 s", text, StringComparison.Ordinal); // 150 + 2 x 200 steps at 100 steps/s: 5.5 s
    }
}

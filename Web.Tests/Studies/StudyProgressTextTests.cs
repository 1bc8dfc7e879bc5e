using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Tests.Studies;

/// <summary>
/// The study's progress line counts rounds as the run's does (issue 23: "round 10 of 9", "One-shot round 1 of 0"): a
/// training report's TotalRounds is the last round's index, so IMP's 10 pruning rounds read "round 10 of 10".
/// </summary>
public sealed class StudyProgressTextTests
{
    private static readonly StudyInfo Study = new(Guid.NewGuid(), "study", "ada", RunStatus.Running, "id", DateTimeOffset.UnixEpoch, null, null, null,
        RoundsCompleted: 12, TotalRounds: 50, QueuePosition: null, Replicates: 4, Conditions: [StudyCondition.Imp, StudyCondition.OneShot]);

    [Theory]
    [InlineData("imp", 10, 10, "Training IMP, seeds 1–4 together · round 10 of 10 · ")]
    [InlineData("imp", 0, 10, "Training IMP, seeds 1–4 together · round 0 of 10 · ")]
    [InlineData("oneShot", 1, 1, "round 1 of 1 · ")]
    public void A_training_report_counts_rounds_up_to_the_last_one(string condition, int round, int lastRound, string expected)
    {
        var progress = new StudyProgress(new StudyCondition(condition), [0, 1, 2, 3], new TrainingProgress(round, lastRound, 40, 100, 0.5, 200));

        string text = StudyProgressText.Describe(Study, progress);

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.EndsWith("12 of 50 replicate rounds stored", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_rounds_it_says_the_round_is_starting_with_no_rate()
    {
        var progress = new StudyProgress(StudyCondition.Imp, [0, 1, 2, 3], new TrainingProgress(3, 10, 0, 100, 0, 0));

        string text = StudyProgressText.Describe(Study, progress);

        Assert.Equal("Training IMP, seeds 1–4 together · round 3 of 10 · starting · 12 of 50 replicate rounds stored", text);
    }
}

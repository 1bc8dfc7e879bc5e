using LocalityLab.Web.Components.Charts;

namespace LocalityLab.Web.Tests.Components;

public sealed class LatestDrawTests
{
    [Fact]
    public async Task Redraws_asked_for_while_one_draws_wait_for_it_and_run_once_after_it_with_the_newest_data()
    {
        var draw = new LatestDraw();
        var log = new List<string>();
        var firstCanFinish = new TaskCompletionSource();
        int data = 1;
        async Task Draw()
        {
            int drawing = data;
            log.Add($"start {drawing}");
            if (drawing == 1)
            {
                await firstCanFinish.Task;
            }
            log.Add($"end {drawing}");
        }

        var first = draw.RequestAsync(Draw);
        data = 2;
        var second = draw.RequestAsync(Draw);
        data = 3;
        var third = draw.RequestAsync(Draw);
        Assert.True(second.IsCompleted && third.IsCompleted, "a request during a draw only marks a redraw");
        firstCanFinish.SetResult();
        await first;

        // Never two at once, and the last drawn is the newest.
        Assert.Equal(["start 1", "end 1", "start 3", "end 3"], log);
    }
}

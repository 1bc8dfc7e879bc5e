namespace LocalityLab.Web.Components.Charts;

/// <summary>
/// One plotly.js redraw at a time, the newest data last: a redraw asked for while one is drawing waits and runs after
/// it. Overlapping Plotly.react calls let an older one finish last, which left live charts a round short of the run
/// (issue 11, defect 1). Used on the renderer's synchronisation context only, so it needs no lock.
/// </summary>
public sealed class LatestDraw
{
    private bool _drawing;
    private bool _again;

    public async Task RequestAsync(Func<Task> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (_drawing)
        {
            _again = true;
            return;
        }
        _drawing = true;
        try
        {
            do
            {
                _again = false;
                await draw();
            }
            while (_again);
        }
        finally
        {
            _drawing = false;
        }
    }
}

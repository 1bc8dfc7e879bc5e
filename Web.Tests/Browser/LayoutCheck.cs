using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Playwright;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>
/// Opens a page, waits for Blazor's interactive circuit, and lists what a person would see as broken layout:
/// content sticking out of the viewport horizontally and text or controls drawn over each other.
/// </summary>
public static class LayoutCheck
{
    /// <summary>When each open page last heard from its circuit.</summary>
    private static readonly ConditionalWeakTable<IPage, StrongBox<DateTime>> LastFrame = new();

    private static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long the circuit must stay silent before the page counts as settled (MudBlazor re-renders after its first JS calls).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Navigates and returns once the server has sent the first interactive render batch over the circuit
    /// and the circuit has then been quiet for a moment. Before that, the prerendered HTML is on screen
    /// but clicks do nothing, so a test that clicks too early is flaky.
    /// </summary>
    public static async Task<IResponse?> OpenAsync(IPage page, string path)
    {
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastFrame = LastFrame.GetValue(page, _ => new StrongBox<DateTime>(DateTime.UtcNow));
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                return;
            }
            socket.FrameReceived += (_, frame) =>
            {
                lastFrame.Value = DateTime.UtcNow;
                // The server invokes JS.RenderBatch on the client; the name travels as a plain string in the blazorpack frame.
                var payload = frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []);
                if (payload.Contains("JS.RenderBatch", StringComparison.Ordinal))
                {
                    rendered.TrySetResult();
                }
            };
        };

        var response = await page.GotoAsync(path);
        try
        {
            await rendered.Task.WaitAsync(CircuitTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{path}: Blazor's interactive circuit sent no render batch within {CircuitTimeout.TotalSeconds} s.");
        }
        await WaitForQuietAsync(lastFrame);
        await WaitForChartsAsync(page);
        return response;
    }

    /// <summary>
    /// Waits until plotly.js has drawn every chart on the page: it loads after the circuit starts, and a layout
    /// checked before it draws would miss the charts' text and legends.
    /// </summary>
    public static async Task WaitForChartsAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ll-chart')].every(c => c.querySelector('.main-svg'))",
                null, new() { Timeout = (float)CircuitTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{page.Url}: plotly.js drew not every chart within {CircuitTimeout.TotalSeconds} s.");
        }
    }

    /// <summary>Waits until the circuit has sent nothing for <see cref="Quiet"/> (after a click, for the re-render to land).</summary>
    public static async Task SettleAsync(IPage page)
    {
        await Task.Delay(Quiet);
        if (LastFrame.TryGetValue(page, out var lastFrame))
        {
            await WaitForQuietAsync(lastFrame);
        }
    }

    private static async Task WaitForQuietAsync(StrongBox<DateTime> lastFrame)
    {
        var deadline = DateTime.UtcNow + CircuitTimeout;
        while (DateTime.UtcNow - lastFrame.Value < Quiet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The page's background colour as the browser paints it.</summary>
    public static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>Clicks the app bar's dark-mode toggle and waits until the painted background differs from before.</summary>
    public static async Task ToggleDarkModeAsync(IPage page)
    {
        var before = await BackgroundAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        try
        {
            await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", before,
                new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The dark-mode toggle did not change the background (still {before}).");
        }
        await SettleAsync(page);
    }

    /// <summary>Every layout problem on the page as one readable line each; empty when the layout is sound.</summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(Script);

    /// <summary>Saves a full-page screenshot for people to look at: TestResults/screenshots/{name}.png at the repository root.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Web.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>
    /// (a) Horizontal overflow: the page scrolls sideways, and which visible elements end right of the
    /// viewport. Elements inside a container that scrolls on purpose (overflow-x auto or scroll) are left out,
    /// and boxes are cut to any ancestor that clips (overflow hidden or clip), since only what is painted counts.
    /// (b) Overlap: leaf text (the line boxes of an element's own text nodes) and controls (buttons, links,
    /// inputs, each taken as one box) whose painted areas intersect by more than 2 px both ways. Pairs where one
    /// contains the other, the parts of one input field (label over its box), and anything in transient layers
    /// (popovers, tooltips, overlays, snackbars, the error and reconnect UI) are left out.
    /// </summary>
    private const string Script = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth; // the viewport without a vertical scrollbar
          const height = document.documentElement.clientHeight;
          const slack = 2;
          const transient = '.mud-popover, .mud-tooltip, [role=tooltip], .mud-overlay, .mud-snackbar-provider, #blazor-error-ui, #components-reconnect-modal';
          const controls = 'button, a[href], input, select, textarea, [role=button], [role=link]';

          const describe = el => {
            let s = el.tagName.toLowerCase();
            if (el.id) s += '#' + el.id;
            const classes = [...el.classList].filter(c => !c.startsWith('mud-ripple')).slice(0, 3);
            if (classes.length) s += '.' + classes.join('.');
            for (const a of ['data-testid', 'aria-label']) if (el.getAttribute(a)) s += `[${a}="${el.getAttribute(a)}"]`;
            const text = (el.innerText || el.value || '').trim().replace(/\s+/g, ' ');
            if (text) s += ` "${text.length > 40 ? text.slice(0, 40) + '…' : text}"`;
            return s;
          };
          const box = r => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right - r.left)}x${Math.round(r.bottom - r.top)}`;
          const shown = el => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          const ancestors = function* (el) {
            for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) yield a;
          };
          const inScroller = el => [...ancestors(el)].some(a => ['auto', 'scroll'].includes(getComputedStyle(a).overflowX));
          const clip = (el, r) => {
            let { left, top, right, bottom } = r;
            for (const a of ancestors(el)) {
              const style = getComputedStyle(a);
              if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
              const c = a.getBoundingClientRect();
              left = Math.max(left, c.left); top = Math.max(top, c.top); right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
            }
            return right - left > 0 && bottom - top > 0 ? { left, top, right, bottom } : null;
          };

          // (a) horizontal overflow
          const scroller = document.scrollingElement;
          if (scroller.scrollWidth > width + 1) problems.push(`overflow: the page scrolls sideways (scrollWidth ${scroller.scrollWidth}px > viewport ${width}px)`);
          const sticking = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest(transient) || !shown(el) || inScroller(el)) continue;
            const r = clip(el, el.getBoundingClientRect());
            if (r && r.right > width + 1 && !sticking.some(s => s.contains(el))) sticking.push(el);
          }
          for (const el of sticking) problems.push(`overflow: ${describe(el)} ends at x=${Math.round(el.getBoundingClientRect().right)} past the viewport width ${width}`);

          // (b) overlapping text and controls
          const items = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest(transient) || !shown(el)) continue;
            const isControl = el.matches(controls);
            if (el.parentElement && el.parentElement.closest(controls)) continue; // a control's insides belong to the control
            let rects;
            if (isControl) {
              // one box per line: a link wrapped over two lines covers its two line boxes, not the rectangle around both
              rects = [...el.getClientRects()];
            } else {
              const texts = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
              if (!texts.length) continue;
              rects = texts.flatMap(n => { const range = document.createRange(); range.selectNodeContents(n); return [...range.getClientRects()]; });
            }
            rects = rects.map(r => clip(el, r)).filter(r => r && r.right > 0 && r.left < width && r.bottom > 0 && r.top < Math.max(height, scroller.scrollHeight));
            if (rects.length) items.push({ el, rects, field: el.closest('.mud-input-control') });
          }
          const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
          for (let i = 0; i < items.length; i++) {
            for (let j = i + 1; j < items.length; j++) {
              const a = items[i], b = items[j];
              if (a.el.contains(b.el) || b.el.contains(a.el) || (a.field && a.field === b.field)) continue;
              for (const ra of a.rects) {
                const rb = b.rects.find(r => overlap(ra, r));
                if (rb) { problems.push(`overlap: ${describe(a.el)} at ${box(ra)} and ${describe(b.el)} at ${box(rb)}`); break; }
              }
            }
          }
          return problems;
        }
        """;
}

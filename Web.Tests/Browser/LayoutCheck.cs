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
    /// <remarks>
    /// It first waits for running CSS transitions to end: a chip fading to the dark palette is measured in its final
    /// colours, not halfway (its text had already changed and its background had not).
    /// </remarks>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')",
            null, new() { Timeout = (float)CircuitTimeout.TotalMilliseconds });
        return await page.EvaluateAsync<string[]>(Script);
    }

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
    /// (c) Charts: axis titles cut off by the chart's edge, and y axes with data but fewer than two tick labels.
    /// (d) Contrast below WCAG 2.1 AA for any element's own text against what is painted behind it.
    /// (e) Cells of a table stacked into cards on a phone that show a value with no label beside it.
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

          // (c) charts: an axis title drawn whole inside its chart (plotly clips what sticks out), and every y axis that
          // has data to show labelled by at least two ticks
          for (const plot of document.querySelectorAll('.js-plotly-plot')) {
            const svg = plot.querySelector('.main-svg');
            if (!svg || !shown(plot)) continue;
            const s = svg.getBoundingClientRect();
            for (const t of plot.querySelectorAll('.g-xtitle text, .g-ytitle text')) {
              const r = t.getBoundingClientRect();
              if (t.textContent.trim() && (r.top < s.top - 1 || r.bottom > s.bottom + 1 || r.left < s.left - 1 || r.right > s.right + 1))
                problems.push(`clipped: axis title "${t.textContent}" at ${box(r)} outside its chart at ${box(s)}`);
            }
            for (const t of plot.querySelectorAll('.xtick text, .ytick text'))
              if (/\d\s*[a-zμ]$/i.test(t.textContent.trim())) problems.push(`tick: "${t.textContent}" is written with an SI suffix, not as a plain number`);
            const hasData = (plot.data || []).some(trace => (trace.y || []).some(v => v !== null && v !== undefined));
            const ticks = [...plot.querySelectorAll('.ytick text')].filter(t => t.textContent.trim()).length;
            if (hasData && ticks < 2) {
              const title = plot.closest('.ll-chart')?.querySelector('[data-testid=chart-title]')?.textContent ?? '';
              problems.push(`unlabelled: the y axis of chart "${title}" shows ${ticks} tick label(s)`);
            }
          }

          // (d) contrast (WCAG 2.1 AA): every element's own text against the colour painted behind it, 4.5:1, or 3:1 for
          // large text (24 px, or 18.66 px bold). Disabled controls are exempt, as WCAG exempts them; chart text is SVG.
          const rgba = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
          const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
          const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const backdrop = el => {
            const layers = [];
            for (let a = el; a; a = a.parentElement) {
              const style = getComputedStyle(a);
              if (style.backgroundImage !== 'none') return null; // a gradient or image: not judged here
              const bg = rgba(style.backgroundColor);
              if (bg.a > 0) layers.push(bg);
              if (bg.a >= 1) break;
            }
            return layers.reduceRight((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
          };
          const disabled = '[disabled], [aria-disabled=true], .mud-disabled, .mud-button-disabled';
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest(transient) || el.closest('svg') || el.closest(disabled) || !shown(el)) continue;
            if (![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
            const style = getComputedStyle(el);
            const behind = backdrop(el);
            if (!behind) continue;
            const fore = over(rgba(style.color), behind);
            const [hi, lo] = [luminance(fore), luminance(behind)].sort((x, y) => y - x);
            const ratio = (hi + 0.05) / (lo + 0.05);
            const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio < needed - 0.005)
              problems.push(`contrast: ${describe(el)} ${ratio.toFixed(2)}:1 (${style.color} on rgb(${Math.round(behind.r)}, ${Math.round(behind.g)}, ${Math.round(behind.b)})), needs ${needed}:1`);
          }

          // (e) a table stacked into cards on a phone: a cell that shows a value says what it is (MudTd's DataLabel)
          for (const cell of document.querySelectorAll('tbody td.mud-table-cell')) {
            if (cell.closest(transient) || !shown(cell) || getComputedStyle(cell).display === 'table-cell') continue;
            if ((cell.innerText || '').trim() && !(cell.getAttribute('data-label') || '').trim())
              problems.push(`unlabelled: ${describe(cell)} is a stacked table cell without a label`);
          }
          return problems;
        }
        """;
}

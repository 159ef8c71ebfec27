using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The Alerts and Simulator pages in Chromium at a phone's, a tablet's and a laptop's width: no control, chip, message
/// or table cell runs off the page or is cut off by its container, and none overlaps another (checked by bounding
/// boxes); every action stays reachable.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLayoutBrowserTests : BrowserTest
{
    /// <summary>What must be whole and apart: controls, chips, messages, headings, table cells.</summary>
    private const string Checked = "button, input:not([type=hidden]):not([type=file]), .mud-chip, .mud-alert, h5, h6, th, td";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    [InlineData(1366, 768)]
    public async Task The_alerts_page_fits_the_width_with_every_alerts_actions_whole(int width, int height)
    {
        var store = App.Services.GetRequiredService<AlertService>().Store;
        await store.TryCreateAsync(TestIncidents.New("Oklahoma City", DateTimeOffset.UtcNow.AddMinutes(-3), speedMph: 97.4, score: 12.31));
        await store.TryCreateAsync(TestIncidents.New("Sioux Falls", DateTimeOffset.UtcNow.AddMinutes(-1)));
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

        await page.GotoAsync(App.BaseUrl + "/alerts");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#alerts tbody tr")).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        await AssertLayoutAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"alerts-{width}.png"), Timeout = 90_000 });
        var row = page.Locator("#alerts tbody tr").First;
        foreach (var action in new[] { ".acknowledge", ".resolve" })
            Assert.True(await row.Locator(action).IsVisibleAsync(), $"{action} is not visible at {width} px.");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    [InlineData(1366, 768)]
    public async Task The_simulator_page_fits_the_width_with_every_control_whole(int width, int height)
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

        await page.GotoAsync(App.BaseUrl + "/");
        await WaitForCircuitAsync(page);
        await page.Locator("#start-diy").ClickAsync();
        await Assertions.Expect(page.Locator("#status-diy [data-status]")).ToHaveAttributeAsync("data-status", "Running");
        await page.Locator("#send-malformed").ClickAsync();
        await Assertions.Expect(page.Locator("#training-result")).ToBeVisibleAsync();
        await page.Locator("#test-data").WaitForAsync();

        await AssertLayoutAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"simulator-{width}.png"), Timeout = 90_000 });
        await page.Locator("#stop-diy").ClickAsync();
    }

    /// <summary>
    /// The page does not scroll sideways, and every visible element of <see cref="Checked"/> in the main content lies
    /// within the window and within every ancestor that clips it, and overlaps no other one (but those it contains).
    /// </summary>
    private static async Task AssertLayoutAsync(IPage page, int width)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"The page scrolls sideways at {width} px.");
        var problems = await page.EvaluateAsync<string[]>("""
            selector => {
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.innerText || e.value || '').trim().slice(0, 30) + '"';
                const main = document.querySelector('.mud-main-content');
                const boxes = [...main.querySelectorAll(selector)]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
                    .map(e => ({ e, r: e.getBoundingClientRect() }));
                const problems = [];
                const width = document.documentElement.clientWidth;
                for (const { e, r } of boxes) {
                    if (r.left < -0.5 || r.right > width + 0.5) problems.push(`${name(e)} runs off the window (${Math.round(r.left)} to ${Math.round(r.right)} of ${width})`);
                    for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
                        if (getComputedStyle(p).overflowX === 'visible') continue;
                        const c = p.getBoundingClientRect();
                        if (r.left < c.left - 0.5 || r.right > c.right + 0.5) {
                            problems.push(`${name(e)} is cut off by ${p.tagName.toLowerCase()}.${[...p.classList].join('.')} (${Math.round(r.left)} to ${Math.round(r.right)}, it shows ${Math.round(c.left)} to ${Math.round(c.right)})`);
                            break;
                        }
                    }
                }
                for (let i = 0; i < boxes.length; i++) {
                    for (let j = i + 1; j < boxes.length; j++) {
                        const a = boxes[i], b = boxes[j];
                        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
                        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
                        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
                        if (x > 1 && y > 1) problems.push(`${name(a.e)} overlaps ${name(b.e)}`);
                    }
                }
                return problems;
            }
            """, Checked);
        Assert.True(problems.Length == 0, $"At {width} px:\n{string.Join("\n", problems)}");
    }
}

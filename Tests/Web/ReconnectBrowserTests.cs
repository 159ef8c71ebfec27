using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Support;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The server stopped and started again under an open page, in Chromium: while it is away, the reconnect dialog covers
/// the page, styled, with one state's text at a time; once it is back, the page works again, its charts are drawn once,
/// and the Simulator page says that the run was stopped by the server and resumed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectBrowserTests : IAsyncLifetime
{
    /// <summary>The texts of the dialog's states; exactly one of them is visible at any time while it is open.</summary>
    private const string StateTexts = "#components-reconnect-modal .reconnect-state";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "turbineconsole-reconnect-" + Guid.NewGuid().ToString("N"));
    /// <summary>The port of the first start, kept by the restart (0 until then: a port reserved early could be given to another test's server meanwhile).</summary>
    private int _port;
    private TurbineConsoleWebApp? _app;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = StartApp();
        await _app.CreateUserAsync(TurbineConsoleWebApp.Operator, AccessRoles.Operator);
        (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task While_the_server_restarts_the_dialog_shows_one_state_over_the_page_and_afterwards_the_page_works_and_says_the_run_was_resumed(int width, int height)
    {
        var page = await OpenAsync(width, height);
        await page.GotoAsync(_app!.BaseUrl + "/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#start-anomaly").ClickAsync();
        await Assertions.Expect(page.Locator("#status-anomaly [data-status]")).ToHaveAttributeAsync("data-status", "Running");
        await page.GotoAsync(_app.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#speed-chart .apexcharts-toolbar").First.WaitForAsync();

        // The server goes away (as systemd stops it); the run is saved as still sending.
        await _app.DisposeAsync();
        _app = null;

        var dialog = page.Locator("#components-reconnect-modal[open]");
        await dialog.WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#components-reconnect-title")).ToBeVisibleAsync();
        await AssertOneStateAsync(page, width, height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"reconnect-{width}.png"), Timeout = 90_000 });
        // Styled by ReconnectModal.razor.css, which App.razor links: rounded, with a dimmed backdrop over the header.
        Assert.Equal("8px", await dialog.EvaluateAsync<string>("d => getComputedStyle(d).borderTopLeftRadius"));
        Assert.Equal("rgba(0, 0, 0, 0.5)", await dialog.EvaluateAsync<string>("d => getComputedStyle(d, '::backdrop').backgroundColor"));
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.matches(':modal')"), "The dialog is not modal: the page's header stays above it.");
        // A few seconds later the client is retrying: still one state's text.
        await page.WaitForTimeoutAsync(3_000);
        if (await dialog.CountAsync() == 1)
            await AssertOneStateAsync(page, width, height);

        // The server is back on the same address and data: the page reconnects (or reloads) and works again.
        _app = StartApp();
        await Assertions.Expect(page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
        foreach (var chart in new[] { "score-chart", "speed-chart", "max-chart" })
        {
            await page.Locator($"#{chart} .apexcharts-toolbar").First.WaitForAsync();
            Assert.Equal(1, await page.Locator($"#{chart} .apexcharts-toolbar").CountAsync());
            Assert.Equal(1, await page.Locator($"#{chart} svg.apexcharts-svg").CountAsync());
        }

        await page.GotoAsync(_app.BaseUrl + "/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#resumed-anomaly").WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#resumed-anomaly")).ToContainTextAsync("The server stopped while this run was sending");
        await Assertions.Expect(page.Locator("#status-anomaly [data-status]")).ToHaveAttributeAsync("data-status", "Running");
        await page.Locator("#stop-anomaly").ClickAsync();
        await Assertions.Expect(page.Locator("#status-anomaly [data-status]")).ToHaveAttributeAsync("data-status", "Stopped");
        Assert.Equal(RunStatus.Stopped, _app.Services.GetRequiredService<WindSimulator>().RunOf(WindDataset.Anomaly)!.Status);
    }

    /// <summary>Exactly one state's text is shown, whole and inside the window.</summary>
    private static async Task AssertOneStateAsync(IPage page, int width, int height)
    {
        // Read in one go: the state may change between two calls.
        var visible = await page.EvaluateAsync<string[]>(
            "selector => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility()).map(e => e.innerText.trim())", StateTexts);
        Assert.True(visible.Length == 1, $"The dialog shows {visible.Length} states' texts: {string.Join(" | ", visible)}");
        var box = (await page.Locator("#components-reconnect-modal").BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height,
            $"The dialog runs off the window at {width} x {height}: {box.X}, {box.Y}, {box.Width} x {box.Height}.");
    }

    private TurbineConsoleWebApp StartApp()
    {
        var app = new TurbineConsoleWebApp(dataDirectory: _dataDirectory, port: _port);
        _port = new Uri(app.BaseUrl).Port;
        return app;
    }

    private async Task<IPage> OpenAsync(int width, int height)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var cookies = await _app!.SignInCookiesAsync(TurbineConsoleWebApp.Operator);
        await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = _app.BaseUrl }));
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

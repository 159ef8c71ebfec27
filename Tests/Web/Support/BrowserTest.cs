using System.Text.Json;
using Microsoft.Playwright;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// A test with the real web app on a loopback port and a headless Chromium, both started before and closed after it.
/// The app has the operator <see cref="TurbineConsoleWebApp.Operator"/>; <see cref="NewPageAsync"/> opens a page
/// signed in as a user through the real sign-in form.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    /// <summary>The app under test.</summary>
    internal TurbineConsoleWebApp App { get; private set; } = null!;

    /// <summary>The browser.</summary>
    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Settings of the app over the test defaults; none unless a test class says.</summary>
    private protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        App = new TurbineConsoleWebApp(Settings);
        await App.CreateUserAsync(TurbineConsoleWebApp.Operator, AccessRoles.Operator);
        (_playwright, Browser) = await ChromiumBrowser.LaunchAsync();
    }

    /// <summary>A page in a context of its own (closed with the browser), signed in as <paramref name="userName"/> (the operator by default).</summary>
    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null, string userName = TurbineConsoleWebApp.Operator)
    {
        var context = await NewContextAsync(options, userName);
        return await context.NewPageAsync();
    }

    /// <summary>A browser context holding <paramref name="userName"/>'s sign-in cookie.</summary>
    protected async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null, string userName = TurbineConsoleWebApp.Operator)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        var cookies = await App.SignInCookiesAsync(userName);
        await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = App.BaseUrl }));
        return context;
    }

    /// <summary>The viewport the screenshots are taken at.</summary>
    protected static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } };

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Waits until the page's Blazor circuit is interactive.</summary>
    protected static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>Polls a chart's summary (series, points, highest y) until <paramref name="condition"/> holds or the time is up; returns the last.</summary>
    protected static async Task<ChartSummary> WaitForChartAsync(IPage page, string chartId, Func<ChartSummary, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = new ChartSummary(0, 0, null);
        while (DateTime.UtcNow < deadline)
        {
            var json = await page.EvaluateAsync<JsonElement?>($"async () => (await import('/js/apexChart.js')).summary('{chartId}')");
            if (json is { ValueKind: JsonValueKind.Object } s)
            {
                last = new ChartSummary(s.GetProperty("series").GetInt32(), s.GetProperty("points").GetInt32(),
                    s.GetProperty("maxY").ValueKind == JsonValueKind.Number ? s.GetProperty("maxY").GetDouble() : null);
                if (condition(last))
                    return last;
            }
            await Task.Delay(200);
        }
        return last;
    }

    /// <summary>What a chart shows: its series, its points, its highest y value.</summary>
    protected sealed record ChartSummary(int Series, int Points, double? MaxY);
}

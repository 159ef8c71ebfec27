using Microsoft.Playwright;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>A test with the real web app on a loopback port and a headless Chromium, both started before and closed after it.</summary>
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
        (_playwright, Browser) = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

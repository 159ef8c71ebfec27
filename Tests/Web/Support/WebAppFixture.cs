namespace TurbineConsole.Tests.Web.Support;

/// <summary>One app with the default settings for all tests of a class, and an HTTP client that does not follow redirects.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The app.</summary>
    internal TurbineConsoleWebApp App { get; private set; } = null!;

    /// <summary>A client for <see cref="TurbineConsoleWebApp.BaseUrl"/>.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new TurbineConsoleWebApp();
        Http = NewClient(App);
        return Task.CompletedTask;
    }

    /// <summary>A client for <paramref name="app"/> that shows redirects instead of following them.</summary>
    internal static HttpClient NewClient(TurbineConsoleWebApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}

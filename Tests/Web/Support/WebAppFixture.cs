namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// One app with the default settings for all tests of a class, an HTTP client signed in as the operator
/// <see cref="TurbineConsoleWebApp.Operator"/> and one signed in as nobody; neither follows redirects.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The app.</summary>
    internal TurbineConsoleWebApp App { get; private set; } = null!;

    /// <summary>A client for <see cref="TurbineConsoleWebApp.BaseUrl"/>, signed in as the operator.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client for <see cref="TurbineConsoleWebApp.BaseUrl"/> that is not signed in.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TurbineConsoleWebApp();
        await App.CreateUserAsync(TurbineConsoleWebApp.Operator, Simulator.Web.Access.AccessRoles.Operator);
        Http = await App.NewSignedInClientAsync();
        Anonymous = NewClient(App);
    }

    /// <summary>A client for <paramref name="app"/> that shows redirects instead of following them, signed in as nobody.</summary>
    internal static HttpClient NewClient(TurbineConsoleWebApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    /// <summary>A client for <paramref name="app"/> signed in as a new operator, that shows redirects instead of following them.</summary>
    internal static async Task<HttpClient> NewOperatorClientAsync(TurbineConsoleWebApp app)
    {
        await app.CreateUserAsync(TurbineConsoleWebApp.Operator, Simulator.Web.Access.AccessRoles.Operator);
        return await app.NewSignedInClientAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await App.DisposeAsync();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// The real web app (Program) on a free loopback port (Kestrel, port 0), with its pipeline on an embedded backend in
/// a temporary folder and fast polling, so that a browser and a SignalR client can reach it. Sign-in is on, as it
/// always is: a test makes users in the app's identity.db with Identity's UserManager and signs them in through the
/// real sign-in form (<see cref="SignInCookiesAsync"/>), or connects to the hub with a personal API token.
/// </summary>
internal sealed partial class TurbineConsoleWebApp : WebApplicationFactory<Program>
{
    /// <summary>The password of the users the tests make.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>The operator most tests act as.</summary>
    public const string Operator = "dana";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDataDirectory;

    /// <summary>
    /// Starts the app with <paramref name="settings"/> over the test defaults and, if given, more <paramref name="services"/>,
    /// on a new temporary data directory (deleted with the app), or on <paramref name="dataDirectory"/> (kept); on a free
    /// port, or on <paramref name="port"/> (so that an app started again on the same data directory and port looks to a
    /// browser like the same server after a restart).
    /// </summary>
    public TurbineConsoleWebApp(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? dataDirectory = null, int port = 0)
    {
        _services = services;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "turbineconsole-web-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Pipeline:DataDirectory"] = DataDirectory,
            ["Pipeline:Jobs:PollInterval"] = "00:00:00.020",
            ["Pipeline:Jobs:CheckpointInterval"] = "00:00:00.500",
            ["Pipeline:Functions:PollInterval"] = "00:00:00.020",
            ["Pipeline:MaxSpeed:Window"] = "00:00:05",
            ["Pipeline:MaxSpeed:AllowedLateness"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests sign in many times a minute from one address; the limit itself is tested with its default.
            ["Access:SignInAttemptsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(port);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }

    /// <summary>The embedded backend's folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the app listens, for example <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Makes a user with a password and one role, as an administrator would on the Users page.</summary>
    public async Task CreateUserAsync(string userName, string role, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = userName };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, role);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Signs <paramref name="userName"/> in through the sign-in page's form (GET for the antiforgery token, POST) and
    /// returns the cookies the app set; throws when the app did not redirect, that is, refused the sign-in.
    /// </summary>
    public async Task<IReadOnlyList<System.Net.Cookie>> SignInCookiesAsync(string userName, string password = Password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        using var response = await PostSignInAsync(http, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || !cookies.GetCookies(new Uri(BaseUrl)).Any(c => c.Name == "TurbineConsole.Auth"))
            throw new InvalidOperationException($"Signing {userName} in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return cookies.GetCookies(new Uri(BaseUrl)).ToList();
    }

    /// <summary>Posts the sign-in form with <paramref name="http"/> (which must keep cookies) and returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string userName, string password)
    {
        var page = await http.GetStringAsync("/account/sign-in");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client that sends <paramref name="userName"/>'s sign-in cookie and shows redirects instead of following them.</summary>
    public async Task<HttpClient> NewSignedInClientAsync(string userName = Operator)
    {
        var cookies = await SignInCookiesAsync(userName);
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return http;
    }

    /// <summary>Makes a personal API token for <paramref name="userName"/>, as its owner would on the API tokens page.</summary>
    public async Task<string> CreateApiTokenAsync(string userName, string name = "test")
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"No user {userName}.");
        return await Services.GetRequiredService<ApiTokens>().CreateAsync(user.Id, name);
    }

    /// <summary>A connection to the telemetry hub that sends <paramref name="token"/> as <c>Authorization: Bearer</c> (none when null).</summary>
    public HubConnection NewHubConnection(string? token) =>
        new HubConnectionBuilder().WithUrl(BaseUrl + TelemetryHub.Path, options =>
        {
            if (token is not null)
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
            builder.ConfigureServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDataDirectory)
            return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

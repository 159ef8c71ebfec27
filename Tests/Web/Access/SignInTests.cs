using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Access;

/// <summary>
/// Sign-in over HTTP against the real app: every page needs it, the form signs in and sets the cookie, wrong passwords
/// lock the account, the form's posts are rate limited per address, the first-start link works once, the files are
/// the app user's only, and a cookie outlives a restart.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignInTests(WebAppFixture web) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard")]
    [InlineData("/alerts")]
    [InlineData("/alert-policies")]
    [InlineData("/dead-letters")]
    [InlineData("/streams")]
    [InlineData("/tables")]
    [InlineData("/users")]
    [InlineData("/audit")]
    [InlineData("/account/tokens")]
    [InlineData("/no-such-page")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_page(string path)
    {
        var response = await web.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Theory]
    [InlineData("/hubs/telemetry/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task An_anonymous_hub_negotiation_is_refused_with_401_not_a_redirect(string path)
    {
        var response = await web.Anonymous.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/app.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task The_sign_in_page_and_the_static_files_are_open_to_anyone(string path)
    {
        var response = await web.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_is_refused_the_administrators_pages_and_sent_to_the_access_denied_page()
    {
        await web.App.CreateUserAsync("vera", AccessRoles.Viewer);
        using var viewer = await web.App.NewSignedInClientAsync("vera");

        var users = await viewer.GetAsync("/users");
        var audit = await viewer.GetAsync("/audit");
        var dashboard = await viewer.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.Equal("/account/access-denied", users.Headers.Location!.AbsolutePath);
        Assert.Equal("/account/access-denied", audit.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_form_and_audited_with_the_name_and_address()
    {
        using var http = CookieClient(web.App);

        var response = await TurbineConsoleWebApp.PostSignInAsync(http, TurbineConsoleWebApp.Operator, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Wrong user name or password.", html);
        Assert.DoesNotContain("not the password at all", html);
        var entry = (await web.App.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries
            .First(e => e.Action == AuditActions.SignInFailed && e.UserName == TurbineConsoleWebApp.Operator);
        Assert.Equal("127.0.0.1", entry.RemoteAddress);
    }

    [Fact]
    public async Task After_the_set_number_of_wrong_passwords_the_account_is_locked_and_even_the_right_one_is_refused()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["Access:Lockout:MaxFailedAttempts"] = "3" });
        await app.CreateUserAsync("lou", AccessRoles.Operator);
        using var http = CookieClient(app);

        for (var i = 0; i < 3; i++)
            await TurbineConsoleWebApp.PostSignInAsync(http, "lou", "wrong password " + i);
        var right = await TurbineConsoleWebApp.PostSignInAsync(http, "lou", TurbineConsoleWebApp.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked after too many failed sign-ins", await right.Content.ReadAsStringAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync("lou"))!));
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_per_minute_from_one_address_are_answered_429()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["Access:SignInAttemptsPerMinute"] = "10" });
        using var http = CookieClient(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await TurbineConsoleWebApp.PostSignInAsync(http, "nobody", "guess " + i)).StatusCode);
        var page = await http.GetAsync("/account/sign-in");

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_operator_reads_the_alert_policies_page_whose_changes_are_marked_for_administrators()
    {
        var page = await web.Http.GetStringAsync("/alert-policies");

        Assert.Contains("Escalation and re-notification", page);
        Assert.Contains("id=\"silences-empty\"", page);
        Assert.Matches("id=\"create-silence\"[^>]*needs-role|needs-role[^>]*id=\"create-silence\"", page);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token_and_is_audited()
    {
        await web.App.CreateUserAsync("otto", AccessRoles.Operator);
        using var http = CookieClient(web.App);
        await TurbineConsoleWebApp.PostSignInAsync(http, "otto", TurbineConsoleWebApp.Password);

        var forged = await http.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var stillIn = await http.GetAsync("/dashboard");
        var page = await http.GetStringAsync("/dashboard");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        var signedOut = await http.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/", ["__RequestVerificationToken"] = token }));
        var afterwards = await http.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        var entries = (await web.App.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(entries, e => e.Action == AuditActions.SignOut && e.UserName == "otto");
        Assert.Contains(entries, e => e.Action == AuditActions.SignIn && e.UserName == "otto" && e.RemoteAddress == "127.0.0.1");
    }

    [Fact]
    public async Task The_first_start_prints_one_setup_link_that_creates_the_first_administrator_once()
    {
        var log = new CapturedLog();
        await using var app = new TurbineConsoleWebApp(services: s => s.AddSingleton<ILoggerProvider>(log));
        using var http = CookieClient(app);
        using var secondTab = CookieClient(app);

        var lines = log.Messages.Where(m => m.Contains("/account/setup?token=")).ToList();
        var link = new Uri(SetupUrl().Match(Assert.Single(lines)).Value);
        var wrong = await http.GetStringAsync("/account/setup?token=guess");
        var form = await http.GetStringAsync(link.PathAndQuery);
        var secondForm = await secondTab.GetStringAsync(link.PathAndQuery);
        var created = await PostSetupAsync(http, link.PathAndQuery, form, "ada", "a long enough passphrase");
        var dashboard = await http.GetAsync("/dashboard");
        var again = await http.GetStringAsync(link.PathAndQuery);
        var replay = await PostSetupAsync(secondTab, link.PathAndQuery, secondForm, "mallory", "another long passphrase");

        Assert.StartsWith(new Uri(app.BaseUrl).GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        Assert.Contains("This setup link is not valid", wrong);
        Assert.Contains("Create the first administrator", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("This setup link is not valid", again);
        Assert.DoesNotContain("setup-form", again);
        // The used link renders no form, so Blazor refuses the post before any handler runs.
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal("ada", Assert.Single(await users.GetUsersInRoleAsync(AccessRoles.Administrator)).UserName);
        Assert.Null(await users.FindByNameAsync("mallory"));
    }

    [Fact]
    public async Task A_short_password_on_the_setup_page_is_refused_and_the_link_still_works()
    {
        var log = new CapturedLog();
        await using var app = new TurbineConsoleWebApp(services: s => s.AddSingleton<ILoggerProvider>(log));
        using var http = CookieClient(app);
        var link = new Uri(SetupUrl().Match(log.Messages.Single(m => m.Contains("/account/setup?token="))).Value);
        var form = await http.GetStringAsync(link.PathAndQuery);

        var refused = await PostSetupAsync(http, link.PathAndQuery, form, "ada", "short");
        var stillValid = await http.GetStringAsync(link.PathAndQuery);

        Assert.Contains("at least 12 characters", await refused.Content.ReadAsStringAsync());
        Assert.Contains("setup-form", stillValid);
    }

    [Fact]
    public async Task With_an_administrator_the_app_prints_no_setup_link()
    {
        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-web-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = new TurbineConsoleWebApp(dataDirectory: directory))
                await first.CreateUserAsync("ada", AccessRoles.Administrator);
            var log = new CapturedLog();
            await using var second = new TurbineConsoleWebApp(services: s => s.AddSingleton<ILoggerProvider>(log), dataDirectory: directory);

            Assert.DoesNotContain(log.Messages, m => m.Contains("/account/setup"));
            Assert.Contains("This setup link is not valid", await WebAppFixture.NewClient(second).GetStringAsync("/account/setup?token="));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_sign_in_cookie_still_works_after_a_restart_and_the_files_are_the_app_users_only()
    {
        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-web-" + Guid.NewGuid().ToString("N"));
        try
        {
            string cookie;
            await using (var first = new TurbineConsoleWebApp(dataDirectory: directory))
            {
                await first.CreateUserAsync("ada", AccessRoles.Administrator);
                cookie = string.Join("; ", (await first.SignInCookiesAsync("ada")).Select(c => $"{c.Name}={c.Value}"));
            }
            await using var second = new TurbineConsoleWebApp(dataDirectory: directory);
            using var http = WebAppFixture.NewClient(second);
            http.DefaultRequestHeaders.Add("Cookie", cookie);

            var response = await http.GetAsync("/audit");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "identity.db")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(directory, "keys")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(directory, "keys"), "key-*.xml"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Passwords_are_kept_only_as_Identity_hashes()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(web.App.DataDirectory, "identity.db"));
        await using var scope = web.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(TurbineConsoleWebApp.Operator);

        Assert.DoesNotContain(TurbineConsoleWebApp.Password, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.StartsWith("AQAAAA", user!.PasswordHash);
    }

    private static HttpClient CookieClient(TurbineConsoleWebApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };

    private static Task<HttpResponseMessage> PostSetupAsync(HttpClient http, string pathAndQuery, string form, string userName, string password) =>
        http.PostAsync(pathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"http://\S+/account/setup\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex SetupUrl();
}

using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Access;

/// <summary>
/// Sign-in and roles in Chromium: anonymous visitors land on the sign-in form; a viewer watches live data but every
/// action is refused by the server even when the page is tampered with; an operator acts; the administrator reads
/// each action with its user in the audit log and manages users; a token made on the account page opens the hub.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessBrowserTests : BrowserTest
{
    private const string Viewer = "vic";
    private const string Administrator = "ada";

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_page_and_the_form_brings_them_back()
    {
        await using var context = await Browser.NewContextAsync(Desktop);
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/", "/dashboard", "/alerts", "/dead-letters", "/streams", "/tables", "/users", "/audit", "/account/tokens" })
        {
            await page.GotoAsync(App.BaseUrl + path);
            Assert.Equal("/account/sign-in", new Uri(page.Url).AbsolutePath);
            Assert.Equal(0, await page.Locator("#nav-dashboard").CountAsync());
        }

        await page.GotoAsync(App.BaseUrl + "/alerts");
        await page.Locator("#user-name").FillAsync(TurbineConsoleWebApp.Operator);
        await page.Locator("#password").FillAsync("not the password");
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Wrong user name or password.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "sign-in.png") });
        await page.Locator("#password").FillAsync(TurbineConsoleWebApp.Password);
        await page.Locator("#sign-in").ClickAsync();

        await page.WaitForURLAsync(App.BaseUrl + "/alerts");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync($"{TurbineConsoleWebApp.Operator} (Operator)");
    }

    [Fact]
    public async Task A_viewer_sees_the_dashboard_live_but_the_server_refuses_their_start_and_acknowledge_even_from_a_tampered_page()
    {
        await App.CreateUserAsync(Viewer, AccessRoles.Viewer);
        var incident = TestIncidents.New("Tulsa", DateTimeOffset.UtcNow.AddMinutes(-1));
        await App.Services.GetRequiredService<AlertService>().Store.TryCreateAsync(incident);
        var page = await NewPageAsync(Desktop, Viewer);

        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await WriteReadingsAsync("Chicago", ["CHI-01", "CHI-02"]);
        await Assertions.Expect(page.Locator("#status-board .turbine")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("#nav-users").CountAsync());

        await page.GotoAsync(App.BaseUrl + "/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var start = page.Locator("#start-anomaly");
        Assert.Equal("true", await start.GetAttributeAsync("aria-disabled"));
        await Assertions.Expect(start).ToBeDisabledAsync();
        await start.EvaluateAsync("b => { b.removeAttribute('aria-disabled'); b.classList.remove('needs-role'); }");
        await start.ClickAsync();
        await Assertions.Expect(page.Locator("#dataset-anomaly")).ToContainTextAsync($"Refused: to start a dataset you need the Operator role, which {Viewer} does not have");
        Assert.Null(App.Services.GetRequiredService<WindSimulator>().RunOf(WindDataset.Anomaly));

        await page.Locator("#nav-alerts").ClickAsync();
        var acknowledge = page.Locator("#alerts button.acknowledge");
        await Assertions.Expect(acknowledge).ToHaveAttributeAsync("aria-disabled", "true");
        await acknowledge.EvaluateAsync("b => b.removeAttribute('aria-disabled')");
        await acknowledge.ClickAsync();
        await Assertions.Expect(page.Locator("#alert-error")).ToContainTextAsync("Refused: to acknowledge an alert you need the Operator role");
        Assert.Equal(IncidentState.Open, (await App.Services.GetRequiredService<AlertStore>().GetAsync(incident.Location, incident.Id))!.State);

        await page.GotoAsync(App.BaseUrl + "/users");
        Assert.Equal("/account/access-denied", new Uri(page.Url).AbsolutePath);
        var refusals = (await App.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries.Where(e => e.Action == AuditActions.Refused).ToList();
        Assert.Equal(["acknowledge an alert", "start a dataset"], refusals.Select(e => e.Detail).ToArray());
        Assert.All(refusals, e => Assert.Equal(Viewer, e.UserName));
    }

    [Fact]
    public async Task An_operator_starts_stops_and_acknowledges_and_the_administrator_reads_each_action_with_its_user_in_the_audit_log()
    {
        await App.CreateUserAsync(Administrator, AccessRoles.Administrator);
        var incident = TestIncidents.New("Tulsa", DateTimeOffset.UtcNow.AddMinutes(-1));
        await App.Services.GetRequiredService<AlertService>().Store.TryCreateAsync(incident);
        var page = await NewPageAsync(Desktop);

        await page.GotoAsync(App.BaseUrl + "/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#start-normal").ClickAsync();
        await Assertions.Expect(page.Locator("#status-normal")).ToContainTextAsync("Running", new() { Timeout = 15_000 });
        await page.Locator("#stop-normal").ClickAsync();
        await Assertions.Expect(page.Locator("#status-normal")).ToContainTextAsync("Stopped", new() { Timeout = 15_000 });
        await page.Locator("#nav-alerts").ClickAsync();
        await page.Locator("#alert-comment").FillAsync("crew on the way");
        await page.Locator("#alert-comment").BlurAsync();
        await page.Locator("#alerts button.acknowledge").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync($"acknowledged by {TurbineConsoleWebApp.Operator}");

        var admin = await NewPageAsync(Desktop, Administrator);
        await admin.GotoAsync(App.BaseUrl + "/audit");
        await admin.Locator("[data-interactive=true]").WaitForAsync();
        var rows = await admin.Locator("#audit tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('.audit-user').textContent, r.querySelector('.audit-action').textContent, r.querySelector('.audit-detail').textContent, r.lastElementChild.textContent])");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "audit.png"), FullPage = true });

        var dana = TurbineConsoleWebApp.Operator;
        Assert.Equal([AuditActions.SignIn, AuditActions.Acknowledged, AuditActions.DatasetStopped, AuditActions.DatasetStarted, AuditActions.SignIn],
            rows.Select(r => r[1]).ToArray());
        Assert.Equal([Administrator, dana, dana, dana, dana], rows.Select(r => r[0]).ToArray());
        Assert.Contains("Tulsa", rows[1][2]);
        Assert.Contains("crew on the way", rows[1][2]);
        Assert.Contains("into WindDataStream", rows[3][2]);
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r[3]));
    }

    [Fact]
    public async Task The_administrator_creates_a_user_gives_them_a_role_and_locks_them_and_each_change_is_audited()
    {
        await App.CreateUserAsync(Administrator, AccessRoles.Administrator);
        var page = await NewPageAsync(Desktop, Administrator);

        await page.GotoAsync(App.BaseUrl + "/users");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#new-user-name").FillAsync("noor");
        await page.Locator("#new-user-password").FillAsync("short");
        await page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(page.Locator("#users-error")).ToContainTextAsync("at least 12 characters");
        await page.Locator("#new-user-password").FillAsync("a passphrase for noor");
        await page.Locator("#new-user-password").BlurAsync();
        await page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(page.Locator("#users-done")).ToContainTextAsync("noor can sign in now, as Viewer.");

        var row = page.Locator("#users tr[data-user=noor]");
        await row.Locator(".user-role").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = AccessRoles.Operator }).ClickAsync();
        await Assertions.Expect(page.Locator("#users-done")).ToContainTextAsync("noor is now Operator.");
        await row.Locator("button.lock-user").ClickAsync();
        await Assertions.Expect(row.Locator(".user-state")).ToHaveTextAsync("locked");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "users.png"), FullPage = true });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => App.SignInCookiesAsync("noor", "a passphrase for noor"));
        Assert.Contains("locked", error.Message);
        var entries = (await App.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(entries, e => e.Action == AuditActions.UserCreated && e.UserName == Administrator && e.Detail == "noor as Viewer");
        Assert.Contains(entries, e => e.Action == AuditActions.RoleChanged && e.UserName == Administrator && e.Detail == "noor: Viewer to Operator");
        Assert.Contains(entries, e => e.Action == AuditActions.UserLocked && e.UserName == Administrator && e.Detail == "noor");
    }

    [Fact]
    public async Task A_token_made_on_the_account_page_is_shown_once_and_opens_the_hub_until_it_is_revoked()
    {
        await App.CreateUserAsync(Viewer, AccessRoles.Viewer);
        var page = await NewPageAsync(Desktop, Viewer);

        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#signed-in-user").ClickAsync();
        await page.Locator("#token-name").FillAsync("control-room <b>dashboard</b>");
        await page.Locator("#token-name").BlurAsync();
        await page.Locator("#create-token").ClickAsync();
        var token = await page.Locator("#token-value").InnerTextAsync();
        await using (var connection = App.NewHubConnection(token))
        {
            await connection.StartAsync();
            await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");
        }
        await page.ReloadAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var listed = await page.Locator("#tokens tbody").InnerTextAsync();
        await page.Locator("#tokens button.revoke-token").ClickAsync();
        await Assertions.Expect(page.Locator("#tokens-empty")).ToBeVisibleAsync();

        Assert.StartsWith(ApiTokens.Prefix, token);
        Assert.Contains("control-room <b>dashboard</b>", listed);
        Assert.DoesNotContain(token, listed);
        Assert.Equal(0, await page.Locator("#token-value").CountAsync());
        await using var revoked = App.NewHubConnection(token);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => revoked.StartAsync());
        var entries = (await App.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(entries, e => e.Action == AuditActions.TokenCreated && e.UserName == Viewer);
        Assert.Contains(entries, e => e.Action == AuditActions.TokenRevoked && e.UserName == Viewer);
    }

    /// <summary>Scored readings of the last half minute for <paramref name="turbines"/>, written straight into the wind data table.</summary>
    private async Task WriteReadingsAsync(string location, string[] turbines)
    {
        var now = DateTimeOffset.UtcNow;
        var items = turbines.Select((t, i) => WindDataItem.From(new AnomalyResult(new WindReading(location, t, 30 + i, now.AddSeconds(-5), i + 1, "test"), 0.5, 0, null))).ToList();
        await App.Services.GetRequiredService<ITableStore>().PutItemsAsync("WindDataTable", items);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Access;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (OpenIddict, started by the test on a loopback port), in
/// Chromium: the sign-in page's button goes to the provider's form and back; the first sign-in makes a local user
/// linked to the provider, a Viewer unless the provider's roles claim names a role.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnBrowserTests : IAsyncLifetime
{
    private const string ClientId = "turbineconsole";
    private readonly string _secretVariable = "TURBINECONSOLE_TEST_OIDC_SECRET_" + Guid.NewGuid().ToString("N");
    private TestOidcProvider _provider = null!;
    private TurbineConsoleWebApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync(
            new TestOidcProvider.User("sub-kim", "kim", "kim's provider password"),
            new TestOidcProvider.User("sub-sam", "sam", "sam's provider password", "Operator", "Pilot"));
        // The secret reaches the app only through the environment, as in production.
        Environment.SetEnvironmentVariable(_secretVariable, "provider-client-secret");
        _app = new TurbineConsoleWebApp(new Dictionary<string, string?>
        {
            ["Access:Oidc:Authority"] = _provider.Authority,
            ["Access:Oidc:ClientId"] = ClientId,
            ["Access:Oidc:ClientSecretEnvironmentVariable"] = _secretVariable,
            ["Access:Oidc:RolesClaim"] = "roles",
            ["Access:Oidc:DisplayName"] = "Test provider",
            ["Access:Oidc:RequireHttpsMetadata"] = "false",
        });
        await _provider.RegisterClientAsync(ClientId, "provider-client-secret", _app.BaseUrl + AccessSchemes.OidcCallbackPath);
        (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
    }

    [Fact]
    public async Task A_provider_user_signs_in_through_the_provider_and_becomes_a_local_viewer_linked_to_it()
    {
        var page = await _browser.NewPageAsync();

        await page.GotoAsync(_app.BaseUrl + "/dashboard");
        await page.Locator("#sign-in-oidc").ClickAsync();
        await page.Locator("#provider-name").FillAsync("kim");
        await page.Locator("#provider-password").FillAsync("kim's provider password");
        await page.Locator("#provider-sign-in").ClickAsync();

        await WaitForUrlAsync(page, _app.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("kim (Viewer)");
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var kim = await users.FindByLoginAsync(AccessSchemes.Oidc, "sub-kim");
        Assert.Equal("kim", kim!.UserName);
        Assert.Null(kim.PasswordHash);
        Assert.Equal([AccessRoles.Viewer], (await users.GetRolesAsync(kim)).ToArray());
        var entries = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 10)).Entries;
        Assert.Equal((AuditActions.SignIn, "kim", "single sign-on"), (entries[0].Action, entries[0].UserName, entries[0].Detail));
        Assert.Equal((AuditActions.UserCreated, "kim"), (entries[1].Action, entries[1].UserName));
    }

    [Fact]
    public async Task A_role_named_by_the_providers_roles_claim_is_granted_and_a_second_sign_in_finds_the_same_user()
    {
        for (var i = 0; i < 2; i++)
        {
            await using var context = await _browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(_app.BaseUrl + "/account/sign-in");
            await page.Locator("#sign-in-oidc").ClickAsync();
            await page.Locator("#provider-name").FillAsync("sam");
            await page.Locator("#provider-password").FillAsync("sam's provider password");
            await page.Locator("#provider-sign-in").ClickAsync();
            await WaitForUrlAsync(page, _app.BaseUrl + "/");
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync("sam (Operator)");
            await Assertions.Expect(page.Locator("#start-normal")).ToHaveAttributeAsync("aria-disabled", "false");
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var sam = Assert.Single(users.Users.Where(u => u.UserName!.StartsWith("sam")).ToList());
        Assert.Equal([AccessRoles.Operator], (await users.GetRolesAsync(sam)).ToArray());
    }

    [Fact]
    public async Task Without_the_setting_the_sign_in_page_offers_no_single_sign_on()
    {
        await using var plain = new TurbineConsoleWebApp();
        using var http = WebAppFixture.NewClient(plain);

        var html = await http.GetStringAsync("/account/sign-in");
        var login = await http.GetAsync("/account/external-login");

        Assert.DoesNotContain("sign-in-oidc", html);
        Assert.Equal("/account/sign-in", login.Headers.Location?.OriginalString);
    }

    /// <summary>Waits for the browser to come back to <paramref name="url"/>; says where it is stuck otherwise.</summary>
    private static async Task WaitForUrlAsync(IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Still at {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }
}

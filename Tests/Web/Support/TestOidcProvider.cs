using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: OpenIddict 7 on Kestrel on a loopback port, its
/// applications in an EF Core SQLite file, authorization code flow with PKCE, and a sign-in form of its own for the
/// users given to it (name, password, and the roles it puts in the <c>roles</c> claim).
/// </summary>
internal sealed class TestOidcProvider : IAsyncDisposable
{
    private const string CookieScheme = "provider";

    private readonly WebApplication _app;
    private readonly string _directory;

    private TestOidcProvider(WebApplication app, string authority, string directory)
    {
        _app = app;
        Authority = authority;
        _directory = directory;
    }

    /// <summary>The issuer, for example <c>http://127.0.0.1:40125/</c>.</summary>
    public string Authority { get; }

    /// <summary>A user of the provider.</summary>
    public sealed record User(string Subject, string Name, string Password, params string[] Roles);

    /// <summary>Starts the provider with <paramref name="users"/>.</summary>
    public static async Task<TestOidcProvider> StartAsync(params User[] users)
    {
        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-oidc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderDb>(o =>
        {
            o.UseSqlite($"Data Source={Path.Combine(directory, "provider.db")};Pooling=False");
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o => o.LoginPath = "/login");
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginForm(returnUrl ?? "/", null), "text/html"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var user = users.FirstOrDefault(u => u.Name == form["name"] && u.Password == form["password"]);
            if (user is null)
                return Results.Content(LoginForm(form["returnUrl"].ToString(), "Unknown user or wrong password."), "text/html");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Subject)], CookieScheme);
            await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(form["returnUrl"].ToString());
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext context) =>
        {
            var signedIn = await context.AuthenticateAsync(CookieScheme);
            if (!signedIn.Succeeded)
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [CookieScheme]);
            var user = users.Single(u => u.Subject == signedIn.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            var request = context.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name).SetClaim(Claims.PreferredUsername, user.Name);
            identity.SetClaims("roles", [.. user.Roles]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestOidcProvider(app, address.TrimEnd('/') + "/", directory);
    }

    /// <summary>Registers a confidential client that may use the code flow with PKCE and come back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string secret, string redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(redirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string LoginForm(string returnUrl, string? error) => $"""
        <!DOCTYPE html><html><body><h1>Test provider</h1>
        {(error is null ? "" : $"<p id=\"provider-error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}" />
          <input id="provider-name" name="name" /><input id="provider-password" name="password" type="password" />
          <button id="provider-sign-in" type="submit">Sign in</button>
        </form></body></html>
        """;

    /// <summary>The provider's database: OpenIddict's applications, authorizations and tokens.</summary>
    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}

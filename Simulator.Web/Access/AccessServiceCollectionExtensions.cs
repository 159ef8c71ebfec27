using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Simulator.Web.Access;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers sign-in, roles, API tokens and the audit log (see <see cref="AccessOptions"/>).</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Identity on <c>identity.db</c> (EF Core, SQLite) with the pages' cookie, lockout and a rate limit on
    /// sign-in; personal API tokens for the hub; the policies of <see cref="AccessPolicies"/>, with
    /// <see cref="AccessPolicies.View"/> as the fallback so that every page and hub needs a signed-in user; data-protection
    /// keys kept in the data directory; OpenID Connect when <c>Access:Oidc:Authority</c> is set; the first-start setup
    /// link. Needs the pipeline's settings (<c>AddTurbineConsolePipeline</c>).
    /// </summary>
    public static IServiceCollection AddTurbineConsoleAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddDbContextFactory<AccessDbContext>((sp, options) => options.UseSqlite(
            new SqliteConnectionStringBuilder { DataSource = AccessStore.DatabasePath(sp.GetRequiredService<IOptions<PipelineOptions>>().Value) }.ToString()));
        services.AddIdentityCore<IdentityUser>(options =>
            {
                // Length rather than composition rules (NIST SP 800-63B): a 12-character passphrase is accepted as it is.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccessDbContext>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccessOptions>>((identity, access) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = access.Value.Lockout.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = access.Value.Lockout.Duration;
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AccessSchemes.CookieOrToken;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(AccessSchemes.CookieOrToken, "Cookie or API token", options => options.ForwardDefaultSelector = AccessSchemes.For)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AccessSchemes.ApiToken, null)
            .AddOpenIdConnect(AccessSchemes.Oidc, "Single sign-on", _ => { })
            .AddIdentityCookies();
        services.AddSingleton<IAuthenticationSchemeProvider, AccessSchemeProvider>();
        services.ConfigureApplicationCookie(ConfigureCookie);
        services.AddOptions<OpenIdConnectOptions>(AccessSchemes.Oidc).Configure<IOptions<AccessOptions>>((options, access) => ConfigureOidc(options, access.Value.Oidc));

        services.AddAuthorization(AccessPolicies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddRateLimiter(ConfigureRateLimiter);

        // The cookies are signed with these keys: kept in the data directory, a restart does not sign everyone out.
        services.AddDataProtection().SetApplicationName("TurbineConsole");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<PipelineOptions>, ILoggerFactory>((options, pipeline, logging) =>
            options.XmlRepository = new FileSystemXmlRepository(AccessStore.KeysDirectory(pipeline.Value), logging));

        services.AddSingleton<SetupLink>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<HubConnectionLimits>();
        services.AddScoped<ClientAddress>();
        services.AddScoped<ActionGuard>();
        services.AddScoped<UserDirectory>();
        services.AddHostedService<AccessStartup>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "TurbineConsole.Auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/account/sign-in";
        options.LogoutPath = "/account/sign-out";
        options.AccessDeniedPath = "/account/access-denied";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // A hub client cannot follow a redirect to a page: it gets the status and a sentence.
        options.Events.OnRedirectToLogin = context => AccessSchemes.IsHub(context.Request)
            ? Refuse(context.Response, StatusCodes.Status401Unauthorized, "Sign in first: the hub takes the app's cookie or a personal API token (Authorization: Bearer).")
            : Redirect(context);
        options.Events.OnRedirectToAccessDenied = context => AccessSchemes.IsHub(context.Request)
            ? Refuse(context.Response, StatusCodes.Status403Forbidden, "Your role does not allow this.")
            : Redirect(context);
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Refuse(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message);
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, OidcSettings oidc)
    {
        if (!oidc.Enabled)
            return;
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret();
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.ResponseType = "code";
        options.UsePkce = true;
        // The code comes back in the query of a top-level redirect, not a cross-site form post: the correlation and
        // nonce cookies can then be SameSite=Lax, and work on plain http on loopback too. The code is single-use and bound
        // to the PKCE verifier; the pages send no Referer.
        options.ResponseMode = "query";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CallbackPath = AccessSchemes.OidcCallbackPath;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.TokenValidationParameters.NameClaimType = "preferred_username";
        if (!string.IsNullOrEmpty(oidc.RolesClaim))
            options.TokenValidationParameters.RoleClaimType = oidc.RolesClaim;
    }

    private static void ConfigureRateLimiter(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(AccessPolicies.SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter("post " + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.SignInAttemptsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("get"));
        options.OnRejected = (context, cancellationToken) =>
        {
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            return new ValueTask(context.HttpContext.Response.WriteAsync(
                "Too many sign-in attempts from your address: wait a minute, then try again.", cancellationToken));
        };
    }
}

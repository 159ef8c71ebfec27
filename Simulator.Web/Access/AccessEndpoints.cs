using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Access;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The sign-in endpoints that are not pages: sign-out, and the round trip to the single sign-on provider.</summary>
public static class AccessEndpoints
{
    /// <summary>Where the single sign-on round trip comes back to, after the handler at <c>/signin-oidc</c>.</summary>
    public const string ExternalCallbackPath = "/account/external-callback";

    /// <summary>
    /// Maps <c>POST /account/sign-out</c> (antiforgery-checked form), <c>GET /account/external-login</c> (to the
    /// provider; a link, not a form, because the content security policy's <c>form-action 'self'</c> would stop a
    /// form's redirect to the provider) and <c>GET /account/external-callback</c> (back from it: finds or makes the
    /// local user, Viewer unless <c>Access:Oidc:RolesClaim</c> maps a role, and signs in).
    /// </summary>
    public static IEndpointRouteBuilder MapTurbineConsoleAccess(this IEndpointRouteBuilder endpoints)
    {
        // A form of the app's pages: the antiforgery middleware checks its token, and a post without it is refused.
        endpoints.MapPost("/account/sign-out", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        endpoints.MapGet("/account/external-login", ExternalLogin).AllowAnonymous();
        endpoints.MapGet(ExternalCallbackPath, ExternalCallbackAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SignInManager<IdentityUser> signIn, AuditLog audit)
    {
        if (Forged(context) is { } refused)
            return refused;
        var name = context.User.Identity?.Name;
        await signIn.SignOutAsync();
        await audit.RecordAsync(AuditActions.SignOut, name, context.Connection.RemoteIpAddress?.ToString());
        return Results.LocalRedirect("/account/sign-in");
    }

    private static IResult ExternalLogin(string? returnUrl, SignInManager<IdentityUser> signIn, IOptions<AccessOptions> access)
    {
        if (!access.Value.Oidc.Enabled)
            return Results.LocalRedirect("/account/sign-in");
        var callback = $"{ExternalCallbackPath}?returnUrl={Uri.EscapeDataString(LocalUrl.OrHome(returnUrl))}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(AccessSchemes.Oidc, callback);
        return Results.Challenge(properties, [AccessSchemes.Oidc]);
    }

    private static async Task<IResult> ExternalCallbackAsync(
        HttpContext context, string? returnUrl, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users,
        IOptions<AccessOptions> access, AuditLog audit, ILoggerFactory logging)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
            return Results.LocalRedirect("/account/sign-in?error=external");
        var mapped = MappedRoles(info.Principal, access.Value.Oidc.RolesClaim);
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            user = new IdentityUser { UserName = await FreeNameAsync(users, info) };
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
                created = await users.AddLoginAsync(user, info);
            if (created.Succeeded)
                created = await users.AddToRolesAsync(user, mapped.Count > 0 ? mapped : [AccessRoles.Viewer]);
            if (!created.Succeeded)
            {
                logging.CreateLogger(typeof(AccessEndpoints)).LogWarning("A single sign-on user could not be created: {Errors}", UserDirectory.Describe(created));
                return Results.LocalRedirect("/account/sign-in?error=external");
            }
            await audit.RecordAsync(AuditActions.UserCreated, user.UserName, address, $"{user.UserName} by single sign-on as {AccessRoles.Highest(await users.GetRolesAsync(user))}");
        }
        else
        {
            var missing = mapped.Except(await users.GetRolesAsync(user)).ToList();
            if (missing.Count > 0)
                await users.AddToRolesAsync(user, missing);
        }
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(AuditActions.SignInFailed, user.UserName, address, "single sign-on into a locked account");
            return Results.LocalRedirect("/account/sign-in?error=locked");
        }
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        await audit.RecordAsync(AuditActions.SignIn, user.UserName, address, "single sign-on");
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>A 400 when the antiforgery middleware found the form's token missing or wrong, otherwise null.</summary>
    private static IResult? Forged(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            ? null
            : Results.Text("The form's antiforgery token is missing or wrong: reload the page and try again.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Our roles named by the provider's roles claim, if one is set.</summary>
    private static List<string> MappedRoles(ClaimsPrincipal principal, string claim) =>
        string.IsNullOrEmpty(claim) ? [] : principal.FindAll(claim).Select(c => AccessRoles.Find(c.Value)).OfType<string>().Distinct().ToList();

    /// <summary>
    /// A user name for a new single sign-on user: the provider's preferred_username, email or name when it is a valid
    /// and free name here, otherwise the same with a number, or <c>sso-</c> and the provider's key.
    /// </summary>
    private static async Task<string> FreeNameAsync(UserManager<IdentityUser> users, ExternalLoginInfo info)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var wanted = new[] { "preferred_username", "email", "name", ClaimTypes.Email, ClaimTypes.Name }
            .Select(info.Principal.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
        var name = new string(wanted.Trim().Where(allowed.Contains).Take(64).ToArray());
        if (name.Length == 0)
            name = "sso-" + new string(info.ProviderKey.Where(allowed.Contains).Take(32).ToArray());
        var candidate = name;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++)
            candidate = $"{name}-{n}";
        return candidate;
    }
}

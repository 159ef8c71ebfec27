using Microsoft.AspNetCore.Identity;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>The authentication schemes' names, and which one a request is authenticated by.</summary>
public static class AccessSchemes
{
    /// <summary>The default scheme: the pages' cookie, or a personal API token on the telemetry hub.</summary>
    public const string CookieOrToken = "CookieOrToken";

    /// <summary>A personal API token as <c>Authorization: Bearer</c> (the HTTP API, and the telemetry hub).</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>Single sign-on through OpenID Connect (when <c>Access:Oidc:Authority</c> is set).</summary>
    public const string Oidc = "oidc";

    /// <summary>Where the provider sends the browser back (register it at the provider).</summary>
    public const string OidcCallbackPath = "/signin-oidc";

    /// <summary>
    /// The scheme for <paramref name="context"/>: the HTTP API is judged only by its API token (never the cookie, so a
    /// page cannot be made to call it), a request to the telemetry hub with <c>Authorization: Bearer</c> by its token too;
    /// everything else by the cookie, so a token never opens a page.
    /// </summary>
    public static string For(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Api.ApiEndpoints.Prefix)
        || (context.Request.Path.StartsWithSegments(TelemetryHub.Path) && ApiTokenAuthenticationHandler.BearerOf(context.Request) is not null)
            ? ApiToken
            : IdentityConstants.ApplicationScheme;

    /// <summary>Whether <paramref name="request"/> goes to a hub, where a redirect to the sign-in page means nothing.</summary>
    public static bool IsHub(HttpRequest request) =>
        request.Path.StartsWithSegments(TelemetryHub.Path) || request.Path.StartsWithSegments("/_blazor");
}

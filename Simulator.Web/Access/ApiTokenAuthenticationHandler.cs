using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;personal API token&gt;</c>: looks the token's hash up, and signs the
/// request in as its owner with the owner's current roles, unless the owner is locked out. A request without the
/// header is left to the cookie.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, UserManager<IdentityUser> users, IUserClaimsPrincipalFactory<IdentityUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The bearer token of <paramref name="request"/>, or null.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerOf(Request) is not { Length: > 0 } token)
            return AuthenticateResult.NoResult();
        var userId = await tokens.FindUserIdAsync(token, Context.RequestAborted);
        if (userId is null)
            return AuthenticateResult.Fail("The API token is not valid (revoked, or never made).");
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
            return AuthenticateResult.Fail("The API token's user is locked or gone.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AccessSchemes.ApiToken));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // With a body, so that the status code pages leave the answer as it is.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync(BearerOf(Request) is null
            ? "Send a personal API token as Authorization: Bearer <token>; make one on the account page."
            : "The API token is not valid: it was revoked or never made, or its user is locked.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync("The API token's user has no role that allows this.");
    }
}

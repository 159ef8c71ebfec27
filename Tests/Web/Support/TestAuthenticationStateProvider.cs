using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// The user a bUnit-rendered component sees, set by the test (<see cref="WebTestContext.SignInAs"/>): what the app's
/// revalidating provider hands a circuit after a real sign-in, a principal with a name and role claims.
/// </summary>
internal sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new(new ClaimsIdentity());

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    /// <summary>Makes <paramref name="name"/> with <paramref name="roles"/> the user (nobody when <paramref name="name"/> is null).</summary>
    public void Set(string? name, params string[] roles)
    {
        _user = name is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "id-" + name), new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
                authenticationType: "Identity.Application"));
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }
}

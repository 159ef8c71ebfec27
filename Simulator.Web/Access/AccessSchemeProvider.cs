using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The authentication schemes, less single sign-on while <c>Access:Oidc:Authority</c> is empty: the OpenID Connect
/// handler is registered always (the settings are only known once the app is built) and dropped here when unused,
/// so that it never runs without a provider.
/// </summary>
internal sealed class AccessSchemeProvider : AuthenticationSchemeProvider
{
    /// <summary>The schemes of <paramref name="options"/>, without <see cref="AccessSchemes.Oidc"/> when it is off.</summary>
    public AccessSchemeProvider(IOptions<AuthenticationOptions> options, IOptions<AccessOptions> access)
        : base(options)
    {
        if (!access.Value.Oidc.Enabled)
            RemoveScheme(AccessSchemes.Oidc);
    }
}

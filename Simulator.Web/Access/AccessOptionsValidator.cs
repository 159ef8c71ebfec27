using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>Checks the <c>Access</c> settings at start, naming the setting and giving an example of a good value.</summary>
public sealed class AccessOptionsValidator : SettingsValidator<AccessOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(AccessOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when they are valid.</summary>
    public static IEnumerable<string> Errors(AccessOptions o)
    {
        const string p = AccessOptions.Section;
        if (o.SignInAttemptsPerMinute is < 1 or > 10_000)
            yield return $"{p}:SignInAttemptsPerMinute must be 1 to 10000, for example 10; it is {o.SignInAttemptsPerMinute}.";
        if (o.Lockout.MaxFailedAttempts is < 1 or > 100)
            yield return $"{p}:Lockout:MaxFailedAttempts must be 1 to 100, for example 5; it is {o.Lockout.MaxFailedAttempts}.";
        if (o.Lockout.Duration <= TimeSpan.Zero)
            yield return $"{p}:Lockout:Duration must be positive, for example 00:15:00; it is {o.Lockout.Duration}.";
        if (o.Hub.MaxConnectionsPerUser is < 1 or > 10_000)
            yield return $"{p}:Hub:MaxConnectionsPerUser must be 1 to 10000, for example 20; it is {o.Hub.MaxConnectionsPerUser}.";
        if (o.Hub.MaxGroupsPerConnection is < 1 or > 10_000)
            yield return $"{p}:Hub:MaxGroupsPerConnection must be 1 to 10000, for example 100; it is {o.Hub.MaxGroupsPerConnection}.";
        if (!o.Oidc.Enabled)
            yield break;
        if (!Uri.TryCreate(o.Oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            yield return $"{p}:Oidc:Authority must be the provider's issuer URL, for example https://login.example.com/realms/wind; it is \"{o.Oidc.Authority}\".";
        else if (authority.Scheme == Uri.UriSchemeHttp && (o.Oidc.RequireHttpsMetadata || !authority.IsLoopback))
            yield return $"{p}:Oidc:Authority must be https (http only for a provider on loopback with {p}:Oidc:RequireHttpsMetadata false); it is \"{o.Oidc.Authority}\".";
        if (string.IsNullOrWhiteSpace(o.Oidc.ClientId))
            yield return $"{p}:Oidc:ClientId must be the app's client id at the provider, for example turbineconsole.";
        if (!string.IsNullOrEmpty(o.Oidc.RolesClaim) && o.Oidc.RolesClaim.Any(char.IsWhiteSpace))
            yield return $"{p}:Oidc:RolesClaim must be a claim type without spaces, for example roles; it is \"{o.Oidc.RolesClaim}\".";
    }
}

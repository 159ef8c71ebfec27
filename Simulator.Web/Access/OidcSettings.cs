namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The <c>Access:Oidc</c> settings: single sign-on through an OpenID Connect provider (Entra ID, Cognito, Keycloak...).
/// The client secret is never a setting: it is read from the environment variable named here.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer URL, for example <c>https://login.example.com/realms/wind</c>; empty turns single sign-on off.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The app's client id at the provider.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The environment variable that holds the client secret; a public client (PKCE only) leaves it unset.</summary>
    public string ClientSecretEnvironmentVariable { get; set; } = "TURBINECONSOLE_OIDC_CLIENT_SECRET";

    /// <summary>
    /// A claim whose values name roles (<c>Viewer</c>, <c>Operator</c>, <c>Administrator</c>), granted at each sign-in;
    /// empty: a new user from the provider is a Viewer until an administrator grants more.
    /// </summary>
    public string RolesClaim { get; set; } = "";

    /// <summary>The button's text on the sign-in page: "Sign in with ...".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Whether the provider's metadata must come over HTTPS (turn off only for a provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether single sign-on is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The client secret from the environment, or null.</summary>
    public string? ClientSecret() =>
        string.IsNullOrWhiteSpace(ClientSecretEnvironmentVariable) ? null
        : Environment.GetEnvironmentVariable(ClientSecretEnvironmentVariable) is { Length: > 0 } secret ? secret : null;
}

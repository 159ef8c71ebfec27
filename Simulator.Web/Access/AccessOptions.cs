namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The <c>Access</c> section of appsettings.json: who may sign in and how hard they may try. Users, roles, API tokens
/// and the audit log live in <c>identity.db</c> in <c>Pipeline:DataDirectory</c>; there is no setting that turns
/// sign-in off.
/// </summary>
public sealed class AccessOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Access";

    /// <summary>Sign-in form posts allowed per minute from one IP address; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed passwords in a row that lock an account, and for how long.</summary>
    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>Limits of the telemetry hub.</summary>
    public HubLimitSettings Hub { get; set; } = new();

    /// <summary>Single sign-on through OpenID Connect; off while <see cref="OidcSettings.Authority"/> is empty.</summary>
    public OidcSettings Oidc { get; set; } = new();
}

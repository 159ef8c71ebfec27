namespace TurbineConsole.Simulator.Web.Security;

/// <summary>
/// The <c>Web</c> section of appsettings.json: how the app meets the network. HTTPS and HSTS, the reverse proxies
/// whose forwarded headers are believed, and the origins besides its own whose pages may open its hubs. The host names
/// the app answers are the root <c>AllowedHosts</c> setting (ASP.NET Core's host filtering).
/// </summary>
public sealed class WebSecurityOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Web";

    /// <summary>HTTPS redirection and HSTS.</summary>
    public HttpsSettings Https { get; set; } = new();

    /// <summary>The reverse proxies in front of the app.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) other than the app's own whose pages may connect to the hubs, for example
    /// the public address when a proxy passes another <c>Host</c>; empty allows only the app's own origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

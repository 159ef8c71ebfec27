namespace TurbineConsole.Simulator.Web.Security;

/// <summary>The <c>Web:Https</c> settings: whether plain HTTP is redirected to HTTPS and browsers are told to stay there.</summary>
public sealed class HttpsSettings
{
    /// <summary>
    /// Redirect HTTP to HTTPS and send <c>Strict-Transport-Security</c>. Turn it on when the app has a certificate
    /// (a Kestrel HTTPS endpoint) or sits behind a proxy that ends TLS (then also set <c>Web:ForwardedHeaders</c>).
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The HTTPS port browsers are sent to, when it is not the app's own HTTPS endpoint (behind a proxy: 443).</summary>
    public int? Port { get; set; }

    /// <summary>How long browsers remember to use only HTTPS (HSTS <c>max-age</c>).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

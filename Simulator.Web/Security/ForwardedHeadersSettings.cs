namespace TurbineConsole.Simulator.Web.Security;

/// <summary>
/// The <c>Web:ForwardedHeaders</c> settings: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. With none listed the headers are ignored, whoever sends them.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>IP addresses of the proxies, for example <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, for example <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is listed.</summary>
    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

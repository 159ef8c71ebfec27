namespace TurbineConsole.Simulator.Web.Security;

/// <summary>The security headers every response carries (see <see cref="SecurityHeadersMiddleware"/>).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The content security policy. Scripts come only from the app itself: Blazor, MudBlazor, ApexCharts and our
    /// modules are files under wwwroot or _content, and App.razor renders no inline script (Blazor's ImportMap is left
    /// out: our modules are imported by plain relative paths). Styles need <c>'unsafe-inline'</c>: MudBlazor writes
    /// <c>style</c> attributes and a theme <c>&lt;style&gt;</c> element, and ApexCharts injects its stylesheet and
    /// styles its SVG inline; a style cannot run script. The hubs' WebSockets are same-origin, which
    /// <c>connect-src 'self'</c> allows. No plugins, no framing, no foreign base URL or form target.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Adds the headers to a response.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}

using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Security;

/// <summary>
/// Refuses (403) a request to a hub, the telemetry hub or Blazor's circuit hub, that carries an <c>Origin</c> other
/// than the app's own (scheme, host and port of the request) or one listed in <c>Web:AllowedOrigins</c>, before
/// SignalR sees it. Browsers always send <c>Origin</c> on a WebSocket handshake and on a cross-origin fetch, and CORS
/// does not apply to WebSockets, so without this a page on another site could open the hub in a visitor's browser and
/// follow a location. Clients that are not browsers send no <c>Origin</c> and pass.
/// </summary>
internal sealed class SameOriginHubMiddleware
{
    /// <summary>The paths guarded, with everything below them (negotiate, the WebSocket itself).</summary>
    private static readonly PathString[] s_hubPaths = [TelemetryHub.Path, "/_blazor"];

    /// <summary>The next middleware.</summary>
    private readonly RequestDelegate _next;

    /// <summary>The listed origins, normalized.</summary>
    private readonly HashSet<string> _allowed;

    /// <summary>Creates the middleware with the listed origins of <paramref name="options"/>.</summary>
    public SameOriginHubMiddleware(RequestDelegate next, IOptions<WebSecurityOptions> options)
    {
        _next = next;
        _allowed = options.Value.AllowedOrigins.Select(Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Passes the request on, or answers 403 to a hub request from a foreign origin.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!s_hubPaths.Any(path => request.Path.StartsWithSegments(path)) || request.Headers.Origin.Count == 0)
            return _next(context);
        var origin = Normalize(request.Headers.Origin.ToString());
        if (origin is not null && (origin == OwnOrigin(request) || _allowed.Contains(origin)))
            return _next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Connections from pages of other sites are refused.");
    }

    /// <summary>
    /// <paramref name="origin"/> as <c>scheme://host:port</c> in lower case with the port spelled out, or null when it
    /// is not an http or https origin (a path, a query, user info, or the <c>null</c> origin of a sandboxed page).
    /// </summary>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}";
    }

    /// <summary>The origin of the page that the request would come from if it were the app's own.</summary>
    private static string? OwnOrigin(HttpRequest request)
    {
        var scheme = request.Scheme.ToLowerInvariant();
        var port = request.Host.Port ?? (scheme == "https" ? 443 : 80);
        return string.IsNullOrEmpty(request.Host.Host) ? null : $"{scheme}://{request.Host.Host.ToLowerInvariant()}:{port}";
    }
}

using System.Net;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Security;

/// <summary>Checks the <c>Web</c> settings at start, naming the setting and giving an example of a good value.</summary>
public sealed class WebSecurityOptionsValidator : SettingsValidator<WebSecurityOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(WebSecurityOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when they are valid.</summary>
    public static IEnumerable<string> Errors(WebSecurityOptions o)
    {
        const string p = WebSecurityOptions.Section;
        if (o.Https.Port is < 1 or > 65535)
            yield return $"{p}:Https:Port must be 1 to 65535 (or empty for the app's own HTTPS endpoint); it is {o.Https.Port}.";
        if (o.Https.HstsMaxAge <= TimeSpan.Zero)
            yield return $"{p}:Https:HstsMaxAge must be positive, for example 365.00:00:00; it is {o.Https.HstsMaxAge}.";
        foreach (var proxy in o.ForwardedHeaders.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
                yield return $"{p}:ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address, for example 10.0.0.5.";
        }

        foreach (var network in o.ForwardedHeaders.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
                yield return $"{p}:ForwardedHeaders:KnownNetworks: \"{network}\" is not a network in CIDR form, for example 10.0.0.0/24.";
        }

        foreach (var origin in o.AllowedOrigins)
        {
            if (SameOriginHubMiddleware.Normalize(origin) is null)
                yield return $"{p}:AllowedOrigins: \"{origin}\" is not an origin (scheme://host[:port], nothing after it), for example https://turbines.example.com.";
        }
    }
}

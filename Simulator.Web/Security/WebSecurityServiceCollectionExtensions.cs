using System.Net;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the app needs to meet the network safely (see <see cref="WebSecurityOptions"/>).</summary>
public static class WebSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Web</c> settings and derives from them the forwarded headers' proxies,
    /// HSTS and the HTTPS port; turns Blazor's detailed circuit errors off and replaces the developer exception page's
    /// details with a plain message, in every environment. Pair with <c>app.UseTurbineConsoleWebSecurity()</c>.
    /// </summary>
    public static IServiceCollection AddTurbineConsoleWebSecurity(this IServiceCollection services)
    {
        services.AddOptions<WebSecurityOptions>().BindConfiguration(WebSecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebSecurityOptions>, WebSecurityOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebSecurityOptions>>((options, web) =>
        {
            var proxies = web.Value.ForwardedHeaders;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<WebSecurityOptions>>((options, web) => options.MaxAge = web.Value.Https.HstsMaxAge);
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<WebSecurityOptions>>((options, web) =>
        {
            if (web.Value.Https.Port is { } port)
                options.HttpsPort = port;
        });
        services.PostConfigure<CircuitOptions>(options => options.DetailedErrors = false);
        services.AddSingleton<IDeveloperPageExceptionFilter, GenericErrorPageFilter>();
        return services;
    }
}

using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the app's network safeguards at the front of its request pipeline.</summary>
public static class WebSecurityApplicationExtensions
{
    /// <summary>
    /// In this order: forwarded headers from the listed proxies only; the security headers on every response; the
    /// /Error page for any exception, in every environment; HSTS and the redirect to HTTPS when <c>Web:Https:Enabled</c>;
    /// the refusal of hub connections from other origins. Host names outside <c>AllowedHosts</c> are refused (400)
    /// before all of this, by ASP.NET Core's host filtering. Call it first after <c>Build()</c>; needs
    /// <c>services.AddTurbineConsoleWebSecurity()</c>.
    /// </summary>
    public static WebApplication UseTurbineConsoleWebSecurity(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<IOptions<WebSecurityOptions>>().Value;
        if (web.ForwardedHeaders.Any)
            app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (web.Https.Enabled)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SameOriginHubMiddleware>();
        if (app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts.Contains("*"))
            app.Logger.LogWarning("AllowedHosts is \"*\": the app answers requests for any host name. Set it to the names it is served under, for example \"turbines.example.com\".");
        return app;
    }
}

using TurbineConsole.Simulator.Web.Security;

namespace TurbineConsole.Tests.Web.Security;

public sealed class WebSecurityOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(WebSecurityOptionsValidator.Errors(new WebSecurityOptions()));
    }

    [Fact]
    public void Proxies_networks_origins_and_a_port_in_their_usual_forms_are_valid()
    {
        var options = new WebSecurityOptions
        {
            Https = new HttpsSettings { Enabled = true, Port = 443 },
            ForwardedHeaders = new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5", "::1"], KnownNetworks = ["10.0.0.0/24", "fd00::/8"] },
            AllowedOrigins = ["https://turbines.example.com", "https://turbines.example.com:8443/", "http://[::1]:5177"],
        };

        Assert.Empty(WebSecurityOptionsValidator.Errors(options));
    }

    [Theory]
    [InlineData("https://turbines.example.com/dashboard")]
    [InlineData("https://turbines.example.com?x=1")]
    [InlineData("https://user@turbines.example.com")]
    [InlineData("ftp://turbines.example.com")]
    [InlineData("turbines.example.com")]
    [InlineData("null")]
    public void An_allowed_origin_that_is_not_scheme_host_and_port_is_named(string origin)
    {
        var errors = WebSecurityOptionsValidator.Errors(new WebSecurityOptions { AllowedOrigins = [origin] }).ToList();

        Assert.Contains($"Web:AllowedOrigins: \"{origin}\" is not an origin", Assert.Single(errors));
    }

    [Fact]
    public void A_non_positive_HSTS_max_age_is_named()
    {
        var errors = WebSecurityOptionsValidator.Errors(new WebSecurityOptions { Https = new HttpsSettings { HstsMaxAge = TimeSpan.Zero } });

        Assert.Contains("Web:Https:HstsMaxAge must be positive", Assert.Single(errors));
    }
}

using System.Net;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>
/// HTTPS behind a reverse proxy: the test client plays the proxy on 127.0.0.1, ending TLS and forwarding the scheme in
/// <c>X-Forwarded-Proto</c>, with the public name in <c>Host</c>. The page asked for is the sign-in page, which anyone
/// may open: every other page would send this client (not signed in) there first.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TransportSecurityTests
{
    private const string Site = "turbines.example.com";

    [Fact]
    public async Task Behind_a_listed_proxy_HTTPS_requests_get_HSTS_and_plain_HTTP_is_redirected_to_HTTPS()
    {
        await using var app = new TurbineConsoleWebApp(Https(proxy: "127.0.0.1"));
        using var http = WebAppFixture.NewClient(app);

        var secure = await GetAsync(http, "https");
        var plain = await GetAsync(http, "http");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal(new Uri($"https://{Site}/account/sign-in"), plain.Headers.Location);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over HTTPS.");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_listed_proxy_are_ignored()
    {
        await using var app = new TurbineConsoleWebApp(Https(proxy: "10.9.8.7"));
        using var http = WebAppFixture.NewClient(app);

        var claimedSecure = await GetAsync(http, "https");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, claimedSecure.StatusCode);
        Assert.False(claimedSecure.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_proxy_listed_by_its_network_is_believed()
    {
        var settings = Https(proxy: null);
        settings["Web:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
        await using var app = new TurbineConsoleWebApp(settings);
        using var http = WebAppFixture.NewClient(app);

        var secure = await GetAsync(http, "https");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.True(secure.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task With_the_default_settings_there_is_neither_redirect_nor_HSTS_and_forwarded_headers_are_ignored()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["AllowedHosts"] = Site });
        using var http = WebAppFixture.NewClient(app);

        var plain = await GetAsync(http, "http");
        var claimedSecure = await GetAsync(http, "https");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, claimedSecure.StatusCode);
        Assert.False(claimedSecure.Headers.Contains("Strict-Transport-Security"));
    }

    private static Dictionary<string, string?> Https(string? proxy)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AllowedHosts"] = Site,
            ["Web:Https:Enabled"] = "true",
            ["Web:Https:Port"] = "443",
        };
        if (proxy is not null)
            settings["Web:ForwardedHeaders:KnownProxies:0"] = proxy;
        return settings;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        request.Headers.Host = Site;
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await http.SendAsync(request);
    }
}

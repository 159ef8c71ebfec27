using System.Net;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>The app answers only the host names in <c>AllowedHosts</c>: loopback by default.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AllowedHostsTests(WebAppFixture web) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("127.0.0.2:{port}")]
    public async Task A_page_asked_for_under_a_foreign_host_name_is_refused_with_400(string host)
    {
        var response = await GetAsync(web.Http, "/", host.Replace("{port}", Port(web)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Simulator", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("LocalHost:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task A_page_asked_for_under_a_loopback_name_is_served(string host)
    {
        var response = await GetAsync(web.Http, "/", host.Replace("{port}", Port(web)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wind Turbine Data Simulator", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_hub_is_refused_under_a_foreign_host_name_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/telemetry/negotiate?negotiateVersion=1");
        request.Headers.Host = "evil.example";

        var response = await web.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_AllowedHosts_set_to_a_site_name_that_name_is_served_and_loopback_names_are_refused()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["AllowedHosts"] = "turbines.example.com;*.farm.example" });
        using var http = WebAppFixture.NewClient(app);

        // The sign-in page, which anyone may open: the client is not signed in (it could not be under a loopback name).
        var site = await GetAsync(http, "/account/sign-in", "turbines.example.com");
        var wildcard = await GetAsync(http, "/account/sign-in", "north.farm.example");
        var loopback = await GetAsync(http, "/account/sign-in", new Uri(app.BaseUrl).Authority);

        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Contains("Sign in", await site.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, wildcard.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
    }

    private static string Port(WebAppFixture web) => new Uri(web.App.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }
}

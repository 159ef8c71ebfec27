using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>
/// A page on another site cannot open the hubs in a visitor's browser: a request with a foreign <c>Origin</c> is
/// refused before SignalR sees it; the app's own pages and clients that send no <c>Origin</c> connect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SameOriginHubMiddlewareTests(WebAppFixture web) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("http://localhost:{port}")]
    [InlineData("null")]
    [InlineData("not an origin")]
    public async Task A_negotiate_from_a_foreign_origin_is_refused_with_403(string origin)
    {
        var response = await NegotiateAsync(web.Http, TelemetryHub.Path, origin.Replace("{port}", Port));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_negotiate_from_the_apps_own_origin_or_with_no_origin_is_accepted()
    {
        var own = await NegotiateAsync(web.Http, TelemetryHub.Path, web.App.BaseUrl);
        var none = await NegotiateAsync(web.Http, TelemetryHub.Path, origin: null);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("connectionToken", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task Blazors_circuit_hub_refuses_a_foreign_origin_too()
    {
        var foreign = await NegotiateAsync(web.Http, "/_blazor", "http://evil.example");
        var own = await NegotiateAsync(web.Http, "/_blazor", web.App.BaseUrl);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_WebSocket_from_a_foreign_origin_is_refused_and_follows_nothing()
    {
        await using var connection = WebSocketConnection(web.App.BaseUrl, "http://evil.example", await web.App.CreateApiTokenAsync(TurbineConsoleWebApp.Operator));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("403", error.ToString());
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task A_WebSocket_from_the_apps_own_origin_connects_and_follows_a_location()
    {
        await using var connection = WebSocketConnection(web.App.BaseUrl, web.App.BaseUrl, await web.App.CreateApiTokenAsync(TurbineConsoleWebApp.Operator));

        await connection.StartAsync();
        await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task An_origin_listed_in_Web_AllowedOrigins_is_accepted_and_others_still_refused()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["Web:AllowedOrigins:0"] = "https://Turbines.example.com" });
        using var http = await WebAppFixture.NewOperatorClientAsync(app);

        var listed = await NegotiateAsync(http, TelemetryHub.Path, "https://turbines.example.com");
        var listedWithPort = await NegotiateAsync(http, TelemetryHub.Path, "https://turbines.example.com:443");
        var otherPort = await NegotiateAsync(http, TelemetryHub.Path, "https://turbines.example.com:8443");
        var otherScheme = await NegotiateAsync(http, TelemetryHub.Path, "http://turbines.example.com");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listedWithPort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherScheme.StatusCode);
    }

    private string Port => new Uri(web.App.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HubConnection WebSocketConnection(string baseUrl, string origin, string token) =>
        new HubConnectionBuilder().WithUrl(baseUrl + TelemetryHub.Path, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            options.Headers["Origin"] = origin;
        }).Build();

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string hubPath, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hubPath + "/negotiate?negotiateVersion=1");
        if (origin is not null)
            request.Headers.TryAddWithoutValidation("Origin", origin);
        return await http.SendAsync(request);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>Every response carries the content security policy and the other security headers.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SecurityHeadersMiddlewareTests(WebAppFixture web) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("GET", "/", HttpStatusCode.OK)]
    [InlineData("GET", "/dashboard", HttpStatusCode.OK)]
    [InlineData("GET", "/alerts", HttpStatusCode.OK)]
    [InlineData("GET", "/js/apexChart.js", HttpStatusCode.OK)]
    [InlineData("GET", "/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("GET", "/favicon.png", HttpStatusCode.OK)]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("POST", "/hubs/telemetry/negotiate?negotiateVersion=1", HttpStatusCode.OK)]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1", HttpStatusCode.OK)]
    public async Task The_response_carries_the_security_headers(string method, string path, HttpStatusCode status)
    {
        var response = await web.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard")]
    [InlineData("/streams")]
    public async Task A_page_has_no_inline_script_so_script_src_self_lets_it_run(string path)
    {
        var html = await web.Http.GetStringAsync(path);

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains(" src=", tag));
        Assert.DoesNotContain("importmap", html);
    }

    /// <summary>Asserts the policy directive by directive, and the other headers.</summary>
    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.Split(' ')[0].Length)..].Trim());
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["connect-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("*", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}

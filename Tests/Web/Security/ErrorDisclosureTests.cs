using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Security;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>
/// No client sees an exception's message, stack trace or source paths, in Development too (the environment of
/// <c>dotnet run</c> and of these tests): a failing request gets the /Error page, circuits send no detailed errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorDisclosureTests
{
    private const string Secret = "secret-detail-from /home/dev/TurbineConsole/Boom.cs";

    [Fact]
    public async Task A_request_that_throws_gets_the_error_page_with_a_request_id_and_nothing_of_the_exception()
    {
        await using var app = new TurbineConsoleWebApp(services: s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        using var http = await WebAppFixture.NewOperatorClientAsync(app);

        var response = await http.GetAsync(ThrowingEndpoint.Path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request.", body);
        Assert.Contains("Request ID:", body);
        Assert.DoesNotContain("secret-detail", body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain("Boom.cs", body);
        Assert.DoesNotContain(".cs:line", body);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), body);
        SecurityHeadersMiddlewareTests.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Circuits_send_no_detailed_errors_even_when_the_settings_ask_for_them()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["DetailedErrors"] = "true" });

        Assert.False(app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task In_place_of_the_developer_exception_page_the_client_reads_a_plain_message()
    {
        await using var app = new TurbineConsoleWebApp();
        var filter = Assert.Single(app.Services.GetServices<IDeveloperPageExceptionFilter>().OfType<GenericErrorPageFilter>());
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var detailsShown = false;

        await filter.HandleExceptionAsync(new ErrorContext(context, new InvalidOperationException(Secret)), _ =>
        {
            detailsShown = true;
            return Task.CompletedTask;
        });

        context.Response.Body.Position = 0;
        Assert.False(detailsShown, "The developer page's own rendering was called.");
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Equal("An error occurred while processing your request.", new StreamReader(context.Response.Body).ReadToEnd());
    }

    /// <summary>An endpoint behind the app's own pipeline (so inside its exception handler) that throws.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/throws";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}

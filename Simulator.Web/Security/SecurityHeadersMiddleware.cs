namespace TurbineConsole.Simulator.Web.Security;

/// <summary>
/// Puts <see cref="SecurityHeaders"/> on every response as it starts, so that error pages (whose headers the
/// exception handler clears) and static files carry them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Registers the headers for the response, then passes the request on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            SecurityHeaders.Apply(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}

using Microsoft.AspNetCore.Diagnostics;

namespace TurbineConsole.Simulator.Web.Security;

/// <summary>
/// Stands in for the developer exception page, which WebApplication adds by itself in Development (the environment of
/// <c>dotnet run</c>): the exception is logged by that middleware, and the client gets a plain 500 with no message,
/// stack trace or source path. Only exceptions that escape the app's own handler (the /Error page) get here.
/// </summary>
internal sealed class GenericErrorPageFilter : IDeveloperPageExceptionFilter
{
    /// <summary>What the client reads.</summary>
    public const string Message = "An error occurred while processing your request.";

    /// <inheritdoc />
    public Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var response = errorContext.HttpContext.Response;
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(Message);
    }
}

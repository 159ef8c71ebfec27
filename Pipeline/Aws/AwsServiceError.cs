using System.Net;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>An error answer of an AWS service, before it is mapped to a port's exception.</summary>
internal sealed class AwsServiceError(HttpStatusCode statusCode, string errorCode, string message)
    : Exception($"{errorCode}: {message}")
{
    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The service's error type, without any namespace prefix (for example <c>ResourceNotFoundException</c>).</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>The service's message.</summary>
    public string ServiceMessage { get; } = message;
}

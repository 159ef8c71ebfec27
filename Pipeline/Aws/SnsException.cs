namespace TurbineConsole.Pipeline.Aws;

/// <summary>SNS refused or failed a Publish (for example NotFound, AuthorizationError, InvalidParameter, Throttling), named by its SNS error code.</summary>
public sealed class SnsException(string errorCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The SNS error code, for example <c>NotFound</c>, or <c>EndpointUnreachable</c> / <c>RequestTimeout</c> when SNS was not reached.</summary>
    public string ErrorCode { get; } = errorCode;
}

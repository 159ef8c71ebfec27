namespace TurbineConsole.Pipeline.Streams;

/// <summary>An error from a stream, named by its Kinesis error type so that a Kinesis user recognises it.</summary>
public class StreamException(string errorCode, string message) : Exception(message)
{
    /// <summary>The Kinesis error type, for example <c>ResourceNotFoundException</c>.</summary>
    public string ErrorCode { get; } = errorCode;
}

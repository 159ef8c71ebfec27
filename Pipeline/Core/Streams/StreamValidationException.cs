namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// A request broke a Kinesis limit or rule: more than 500 records in one put, a record over 1 MiB, an empty
/// partition key, a bad stream name (Kinesis ValidationException or InvalidArgumentException).
/// </summary>
public sealed class StreamValidationException(string errorCode, string message) : StreamException(errorCode, message)
{
    /// <summary>A ValidationException with the given message.</summary>
    public StreamValidationException(string message) : this("ValidationException", message) { }
}

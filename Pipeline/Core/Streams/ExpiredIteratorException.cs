namespace TurbineConsole.Pipeline.Streams;

/// <summary>The shard iterator is older than five minutes (Kinesis ExpiredIteratorException): get a new one.</summary>
public sealed class ExpiredIteratorException(string message) : StreamException("ExpiredIteratorException", message);

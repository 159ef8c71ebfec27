namespace TurbineConsole.Pipeline.Streams;

/// <summary>The stream or shard does not exist (Kinesis ResourceNotFoundException).</summary>
public sealed class ResourceNotFoundException(string message) : StreamException("ResourceNotFoundException", message);

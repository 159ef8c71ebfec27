namespace TurbineConsole.Pipeline.Streams;

/// <summary>The stream already exists (Kinesis ResourceInUseException).</summary>
public sealed class ResourceInUseException(string message) : StreamException("ResourceInUseException", message);

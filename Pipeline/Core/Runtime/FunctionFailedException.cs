namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// A function threw on a batch or reported records of it as failed: the shard's poller stops with this error (shown as
/// the consumer's last error) and starts again from its checkpoint.
/// </summary>
public sealed class FunctionFailedException(string message, Exception? innerException = null) : Exception(message, innerException);

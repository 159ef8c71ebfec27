using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// The lab's CalculateMaxSpeed application: the highest wind speed per location in tumbling event-time windows,
/// emitted as CSV when a window closes (when the shard's watermark, the newest event time seen less the allowed
/// lateness, passes the window's end), or when the shard has been idle for <see cref="MaxSpeedOptions.IdleTimeout"/>.
/// A reading for a window already closed goes to the dead-letter store.
/// </summary>
public sealed class CalculateMaxSpeedJob(string inputStream, string outputStream, MaxSpeedOptions options) : IStreamJob
{
    /// <inheritdoc />
    public string Name => "CalculateMaxSpeed";

    /// <inheritdoc />
    public string InputStream { get; } = inputStream;

    /// <inheritdoc />
    public string OutputStream { get; } = outputStream;

    /// <inheritdoc />
    public TimeSpan? IdleTimeout => options.IdleTimeout > TimeSpan.Zero ? options.IdleTimeout : null;

    /// <inheritdoc />
    public IShardProcessor CreateProcessor() => new MaxSpeedProcessor(options.Window, options.AllowedLateness);
}

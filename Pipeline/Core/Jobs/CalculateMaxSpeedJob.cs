using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// The lab's CalculateMaxSpeed application: the highest wind speed per location in tumbling event-time windows,
/// emitted as CSV when a window closes: when its location's watermark (the newest event time seen for that location,
/// less the allowed lateness) passes the window's end, when the location has sent nothing for
/// <see cref="MaxSpeedOptions.IdleTimeout"/> of arrival time while others go on, or when the whole shard has been idle
/// that long. A reading for a window already closed, or stamped too far from its arrival (<paramref name="eventTime"/>),
/// goes to the dead-letter store; one location's clock never makes another's readings late.
/// </summary>
public sealed class CalculateMaxSpeedJob(string inputStream, string outputStream, MaxSpeedOptions options, EventTimeOptions? eventTime = null) : IStreamJob
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
    public IShardProcessor CreateProcessor() => new MaxSpeedProcessor(options.Window, options.AllowedLateness, options.IdleTimeout, eventTime ?? new EventTimeOptions());
}

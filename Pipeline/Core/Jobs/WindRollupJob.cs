using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// Pre-aggregates the scored readings for long history ranges: per location, turbine and tumbling event-time bucket
/// (each width of <see cref="Records.WindRollup.Widths"/>), the count, the highest speed and the highest-scored reading,
/// emitted as a <see cref="Records.WindRollup"/> when the bucket closes. Buckets close as CalculateMaxSpeed's windows
/// do (a watermark per location with <see cref="MaxSpeedOptions.AllowedLateness"/>, and <see cref="MaxSpeedOptions.IdleTimeout"/>).
/// A reading of a turbine no newer than the newest it counted is a re-sent one (the anomaly job re-sends after a crash)
/// and is not counted again; one for a bucket already closed is counted in a part of its own.
/// </summary>
public sealed class WindRollupJob(string inputStream, string outputStream, MaxSpeedOptions options) : IStreamJob
{
    /// <inheritdoc />
    public string Name => "WindRollup";

    /// <inheritdoc />
    public string InputStream { get; } = inputStream;

    /// <inheritdoc />
    public string OutputStream { get; } = outputStream;

    /// <inheritdoc />
    public TimeSpan? IdleTimeout => options.IdleTimeout > TimeSpan.Zero ? options.IdleTimeout : null;

    /// <inheritdoc />
    public IShardProcessor CreateProcessor() => new WindRollupProcessor(options.AllowedLateness, options.IdleTimeout);
}

namespace TurbineConsole.Pipeline.Health;

/// <summary>The <c>Pipeline:Health</c> settings: when the readiness checks call the pipeline unhealthy.</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Pipeline:Health";

    /// <summary>A consumer further behind its shard's newest record than this (its iterator age) is unhealthy.</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A consumer whose shard loop has finished no read for this long (neither a batch nor an empty poll: it is stuck
    /// in a call) is unhealthy.
    /// </summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A consumer failing on a shard (in its retry loop) for this long is unhealthy; before, it is only degraded, so
    /// that one failed attempt that the next one repairs does not take the app out of service.
    /// </summary>
    public TimeSpan FailingAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Free disk space the embedded backend's data directory needs, in megabytes (1,000,000 bytes); less is unhealthy.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 500;

    /// <summary>How long the backend check waits for the backend to answer.</summary>
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the app runs the readiness checks for its own pages (the banner, the Pipeline page); at least 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}

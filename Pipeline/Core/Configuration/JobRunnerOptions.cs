namespace TurbineConsole.Pipeline.Configuration;

/// <summary>How the streaming jobs read their shards and checkpoint.</summary>
public sealed class JobRunnerOptions
{
    /// <summary>Most records read per GetRecords call.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Least time between two checkpoints of a shard (position and state together). A crash replays at most this much;
    /// checkpointing every forest costs about a tenth of the pipeline's CPU at 1 s under full load, so 5 s is the default.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// First wait before a shard that failed (a processor's error, a backend that is down) is consumed again from its
    /// checkpoint; doubled after each further failure in a row (with jitter), at most 30 seconds.
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before reading an empty shard again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

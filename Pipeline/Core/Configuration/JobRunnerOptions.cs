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

    /// <summary>
    /// A key (a location's or turbine's forest, a location's windows) whose last reading arrived this long before the
    /// newest on its shard leaves memory at the shard's next checkpoint. Its state is saved apart and restored, unchanged,
    /// when the key sends again, so scores go on as if it had never left. Zero keeps every key in memory.
    /// </summary>
    public TimeSpan KeyIdleAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Most keys a job holds in memory per shard (a forest at the default settings takes about 450 KB). When a shard
    /// holds more, it checkpoints at once and the keys used least recently leave memory the same way idle ones do; a log
    /// line says so, and the <c>turbineconsole.pipeline.state.evictions</c> metric counts them (reason <c>cap</c>).
    /// </summary>
    public int MaxKeysPerShard { get; set; } = 1000;

    /// <summary>
    /// How often the job lists its stream's shards again, to find the shards a split or merge created (it also does
    /// at once when a shard it reads is done). 00:00:00.1 to 00:10:00.
    /// </summary>
    public TimeSpan ShardDiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);
}

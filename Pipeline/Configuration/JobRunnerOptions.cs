namespace TurbineConsole.Pipeline.Configuration;

/// <summary>How the streaming jobs read their shards and checkpoint.</summary>
public sealed class JobRunnerOptions
{
    /// <summary>Most records read per GetRecords call.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Least time between two checkpoints of a shard (position and state together).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before reading an empty shard again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

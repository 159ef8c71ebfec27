namespace TurbineConsole.Pipeline.Runtime;

/// <summary>How one consumer (a job or a function's event source mapping) is doing on one shard, for the UI and operators.</summary>
/// <param name="Consumer">The job's or function's name (as in its checkpoints and dead letters).</param>
/// <param name="StreamName">The stream it reads.</param>
/// <param name="ShardId">The shard.</param>
public sealed record ConsumerStatus(string Consumer, string StreamName, string ShardId)
{
    /// <summary>Healthy, or failing since <see cref="FailingSince"/>.</summary>
    public ConsumerState State => ConsecutiveFailures > 0 ? ConsumerState.Failing : ConsumerState.Healthy;

    /// <summary>Attempts that failed in a row; 0 once one succeeds.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Why the last attempt failed, while failing; null when healthy.</summary>
    public string? LastError { get; init; }

    /// <summary>When the first of the failures in a row happened, while failing; null when healthy.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>The sequence number of the last record it finished (the checkpointed one until it reads more); null before any.</summary>
    public string? Position { get; init; }

    /// <summary>How far its last read was behind the shard's newest record, in milliseconds (Kinesis's iterator age); 0 when caught up.</summary>
    public long MillisBehindLatest { get; init; }

    /// <summary>Records read since start (replays included).</summary>
    public long RecordsIn { get; init; }

    /// <summary>Records put into its output stream (a job) or accepted (a function) since start.</summary>
    public long RecordsOut { get; init; }

    /// <summary>
    /// When its loop last finished a read: a batch handled, or nothing new to read (idle). A shard that stops moving
    /// (stuck in a call) keeps an old time here; its loop's start counts as the first.
    /// </summary>
    public DateTimeOffset LastProgressAt { get; init; }

    /// <summary>When it last saved its checkpoint since start; null before the first.</summary>
    public DateTimeOffset? LastCheckpointAt { get; init; }

    /// <summary>The size of the state saved with its last checkpoint, in bytes (0 for a stateless function); null before the first.</summary>
    public long? CheckpointBytes { get; init; }

    /// <summary>The keys (forests, locations) a job held in memory at its last checkpoint; null for a function or before the first.</summary>
    public int? StateKeys { get; init; }
}

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
}

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The <c>Pipeline:Functions</c> settings: how streams are fed to the functions, as Lambda's event source mapping does.</summary>
public sealed class FunctionOptions
{
    /// <summary>Most records per invocation (Lambda: 1 to 10,000).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long to gather records before invoking with a partial batch (Lambda's MaximumBatchingWindowInSeconds).</summary>
    public TimeSpan BatchingWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// No longer a setting; kept only so that a configuration that still sets it is refused at start, saying why. It was
    /// Lambda's MaximumRetryAttempts: a record the function kept failing to store went to the dead-letter store after
    /// that many retries. Now it is retried until it is stored (a backend failure is not the record's fault), and the
    /// function's consumer shows as failing meanwhile.
    /// </summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>
    /// First wait before a batch the function failed (or a shard that failed) is tried again from its checkpoint; doubled
    /// after each further failure in a row (with jitter), at most 30 seconds.
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wait before reading an empty shard again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often the event source mapping lists its stream's shards again, to find the shards a split or merge created (it also does
    /// at once when a shard it reads is done). 00:00:00.1 to 00:10:00.
    /// </summary>
    public TimeSpan ShardDiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);
}

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>How streams are fed to the functions, as Lambda's event source mapping does.</summary>
public sealed class EventSourceOptions
{
    /// <summary>Most records per invocation (Lambda: 1 to 10,000).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long to gather records before invoking with a partial batch (Lambda's MaximumBatchingWindowInSeconds).</summary>
    public TimeSpan BatchingWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Retries of a failing record before it goes to the dead-letter store (Lambda's MaximumRetryAttempts).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First wait before a retry; doubled on each further retry, at most 5 seconds.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wait before reading an empty shard again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>How long the pipeline keeps what it stores beside the streams (the streams keep records for <c>Streams:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Dead letters older than this are deleted (time enough to notice, fix and re-drive them).</summary>
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often expired entries are looked for and deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

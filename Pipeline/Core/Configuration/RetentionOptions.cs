namespace TurbineConsole.Pipeline.Configuration;

/// <summary>How long the pipeline keeps its results and dead letters (the streams keep records for <c>Streams:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Dead letters older than this are deleted (time enough to notice, fix and re-drive them).</summary>
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Scored readings in WindDataTable are deleted this long after their event time; zero keeps them for good.</summary>
    public TimeSpan WindData { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Closed windows in MaxWindSpeedTable are deleted this long after their start; zero keeps them for good.</summary>
    public TimeSpan MaxWindSpeed { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Rollup buckets in WindRollupTable are deleted this long after their start; zero keeps them for good. Longer than WindData so that long ranges outlive the readings.</summary>
    public TimeSpan WindRollup { get; set; } = TimeSpan.FromDays(31);

    /// <summary>How often expired entries are looked for and deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

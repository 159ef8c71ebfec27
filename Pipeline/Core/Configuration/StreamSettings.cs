namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The four streams of the flow (the lab's names by default) and how they are created.</summary>
public sealed class StreamSettings
{
    /// <summary>Where the simulator puts readings.</summary>
    public string WindData { get; set; } = "WindDataStream";

    /// <summary>Where AnomalyDetection puts scored readings.</summary>
    public string AnomalyDetection { get; set; } = "AnomalyDetectionStream";

    /// <summary>Where CalculateMaxSpeed puts closed windows.</summary>
    public string MaxWindSpeed { get; set; } = "MaxWindSpeed";

    /// <summary>Where WindRollup puts closed rollup buckets (not one of the lab's: the history views' pre-aggregation).</summary>
    public string WindRollup { get; set; } = "WindRollupStream";

    /// <summary>Shards of each stream the pipeline creates.</summary>
    public int ShardCount { get; set; } = 2;

    /// <summary>How long the embedded backend keeps records.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The AnomalyDetection job: one Random Cut Forest per key, scoring wind speed.</summary>
public sealed class AnomalyDetectionOptions
{
    /// <summary>One model per <c>Location</c> (the lab's choice) or per <c>Turbine</c>.</summary>
    public DetectorKey KeyBy { get; set; } = DetectorKey.Location;

    /// <summary>Trees per forest.</summary>
    public int NumberOfTrees { get; set; } = 50;

    /// <summary>Points each tree keeps.</summary>
    public int SampleSize { get; set; } = 256;

    /// <summary>Consecutive readings scored together (1 scores each reading alone).</summary>
    public int ShingleSize { get; set; } = 1;

    /// <summary>Readings a forest sees before it scores (scores are 0 until then).</summary>
    /// <remarks>
    /// The lab's sample scores after 32 readings, but a forest whose samples are not yet full scores ordinary wind
    /// high (3 and more), which raised alerts at every start; 256, the sample size, waits until the samples are full.
    /// </remarks>
    public int OutputAfter { get; set; } = 256;

    /// <summary>Seed of the forests' randomness: same seed, same scores.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>
    /// Share (0 to 1) of each tree's nodes that keep their bounding box: memory against speed, never a different
    /// score. Unset (the default) means 0 at shingle 1 (about 240 KB a forest, boxes rebuilt by short walks) and 1
    /// above it (every box kept, as the reference does).
    /// </summary>
    public double? BoundingBoxCacheFraction { get; set; }
}

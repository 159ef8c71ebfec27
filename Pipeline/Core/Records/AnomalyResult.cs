namespace TurbineConsole.Pipeline.Records;

/// <summary>A scored reading, as the AnomalyDetection job writes it into AnomalyDetectionStream.</summary>
/// <param name="Reading">The reading that was scored.</param>
/// <param name="Score">Random Cut Forest anomaly score (about 0.7 for normal wind, above 3 for severe spikes; 0 while the forest warms up).</param>
/// <param name="Grade">Adaptive anomaly grade in [0, 1]; above 0 means the detector's own threshold flagged it.</param>
/// <param name="ExpectedSpeedMph">What the detector expected the speed to be, when it flagged the reading; otherwise null.</param>
public sealed record AnomalyResult(WindReading Reading, double Score, double Grade, double? ExpectedSpeedMph)
{
    /// <summary>How the speed drove the score (too high or too low), when the detector flagged the reading; otherwise null (and in records written before it was carried).</summary>
    public SpeedAttribution? Attribution { get; init; }
}

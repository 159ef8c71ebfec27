namespace TurbineConsole.Rcf;

/// <summary>Settings of the adaptive threshold that turns scores into an anomaly grade.</summary>
public sealed record AnomalyGradeOptions
{
    /// <summary>Standard deviations above the running mean score a score must reach to be graded.</summary>
    public double ZFactor { get; init; } = 4.5;

    /// <summary>Scores at or below this are never graded, however calm the stream.</summary>
    public double LowerThreshold { get; init; } = 1.0;

    /// <summary>Weight lost per point by past scores in the running mean and deviation.</summary>
    public double ScoreDecay { get; init; } = 0.001;

    /// <summary>Scores that must be seen before any point is graded.</summary>
    public int MinimumScores { get; init; } = 32;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(ZFactor) || ZFactor < 0)
        {
            throw new ArgumentException($"ZFactor must be a finite number >= 0 (got {ZFactor}).", nameof(ZFactor));
        }

        if (!double.IsFinite(LowerThreshold) || LowerThreshold < 0)
        {
            throw new ArgumentException(
                $"LowerThreshold must be a finite number >= 0 (got {LowerThreshold}).", nameof(LowerThreshold));
        }

        if (!double.IsFinite(ScoreDecay) || ScoreDecay <= 0 || ScoreDecay >= 1)
        {
            throw new ArgumentException($"ScoreDecay must be between 0 and 1, exclusive (got {ScoreDecay}).", nameof(ScoreDecay));
        }

        if (MinimumScores < 1)
        {
            throw new ArgumentException($"MinimumScores must be at least 1 (got {MinimumScores}).", nameof(MinimumScores));
        }
    }
}

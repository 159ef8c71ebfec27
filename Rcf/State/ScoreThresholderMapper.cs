using TurbineConsole.Rcf.Thresholding;

namespace TurbineConsole.Rcf.State;

/// <summary>
/// Writes and reads a <see cref="ScoreThresholder"/>'s statistics: weight, sum and sum of squares (doubles), the
/// count of scores and the points since the last flag (Int64), the last flagged score (double).
/// </summary>
internal static class ScoreThresholderMapper
{
    /// <summary>Writes <paramref name="thresholder"/>'s statistics.</summary>
    public static void Write(ref StateWriter writer, ScoreThresholder thresholder)
    {
        var s = thresholder.Statistics;
        writer.WriteDouble(s.Weight);
        writer.WriteDouble(s.Sum);
        writer.WriteDouble(s.SumOfSquares);
        writer.WriteInt64(s.Count);
        writer.WriteInt64(s.SinceLastAnomaly);
        writer.WriteDouble(s.LastAnomalyScore);
    }

    /// <summary>Reads a thresholder with <paramref name="options"/> for a forest of <paramref name="shingleSize"/>.</summary>
    public static ScoreThresholder Read(ref StateReader reader, AnomalyGradeOptions options, int shingleSize)
    {
        var statistics = new ThresholdStatistics(
            Weight: reader.ReadDouble(),
            Sum: reader.ReadDouble(),
            SumOfSquares: reader.ReadDouble(),
            Count: reader.ReadInt64(),
            SinceLastAnomaly: reader.ReadInt64(),
            LastAnomalyScore: reader.ReadDouble());
        return new ScoreThresholder(options, shingleSize, statistics);
    }
}

namespace TurbineConsole.Rcf.Thresholding;

/// <summary>What a <see cref="ScoreThresholder"/> has learnt from the scores so far.</summary>
/// <param name="Weight">Discounted count of scores.</param>
/// <param name="Sum">Discounted sum of scores.</param>
/// <param name="SumOfSquares">Discounted sum of squared scores.</param>
/// <param name="Count">Scores seen (not discounted).</param>
/// <param name="SinceLastAnomaly">Points since the last flag (long.MaxValue / 2 when none).</param>
/// <param name="LastAnomalyScore">Score of the last flagged point.</param>
internal readonly record struct ThresholdStatistics(
    double Weight, double Sum, double SumOfSquares, long Count, long SinceLastAnomaly, double LastAnomalyScore);

namespace TurbineConsole.Rcf;

/// <summary>What <see cref="ThresholdedRandomCutForest.Process"/> found about one input point.</summary>
/// <param name="Score">The RCF anomaly score (0 until the forest is output-ready; normal points near 0.7).</param>
/// <param name="Grade">Anomaly grade in [0, 1]; 0 means not anomalous.</param>
/// <param name="Threshold">The adaptive score threshold in effect when the point was graded.</param>
/// <param name="ExpectedValues">What the input point's values should have been; null when the grade is 0.</param>
/// <param name="Attribution">How each input dimension (high or low) drove the score; null when the grade is 0.</param>
public sealed record AnomalyDescriptor(
    double Score,
    double Grade,
    double Threshold,
    double[]? ExpectedValues,
    Attribution? Attribution)
{
    /// <summary>Whether the point was flagged (grade above 0).</summary>
    public bool IsAnomaly => Grade > 0;
}

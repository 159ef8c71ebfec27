namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// How much of an anomaly's score the speed drove, split by direction (the forest's attribution of its one input,
/// summed over the shingle): <see cref="High"/> from the speed being higher than the forest has seen, <see cref="Low"/>
/// from it being lower. Together they make up the score.
/// </summary>
/// <param name="High">Score share from a speed too high.</param>
/// <param name="Low">Score share from a speed too low.</param>
public sealed record SpeedAttribution(double High, double Low)
{
    /// <summary>Largest accepted share (the codecs refuse more).</summary>
    public const double MaxShare = 1e6;

    /// <summary>The share of the score that the higher direction drove, in [0, 1]; null when both shares are zero.</summary>
    public double? HighFraction => High + Low > 0 ? High / (High + Low) : null;
}

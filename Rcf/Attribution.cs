namespace TurbineConsole.Rcf;

/// <summary>
/// How much of an anomaly score each input dimension drove, split by direction: <see cref="High"/> for values above
/// what the forest has seen, <see cref="Low"/> for values below. Summed over both arrays it equals the score.
/// </summary>
/// <param name="High">Score share per input dimension from values that are too high.</param>
/// <param name="Low">Score share per input dimension from values that are too low.</param>
public sealed record Attribution(double[] High, double[] Low)
{
    /// <summary>Total of all shares (the score the attribution explains).</summary>
    public double Total => High.Sum() + Low.Sum();
}

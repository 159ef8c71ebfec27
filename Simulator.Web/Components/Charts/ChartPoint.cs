namespace TurbineConsole.Simulator.Web.Components.Charts;

/// <summary>One point of a time series: <paramref name="X"/> in Unix milliseconds, <paramref name="Y"/> the value.</summary>
public sealed record ChartPoint(long X, double Y)
{
    /// <summary>A point at <paramref name="time"/>.</summary>
    public static ChartPoint At(DateTimeOffset time, double value) => new(time.ToUnixTimeMilliseconds(), Math.Round(value, 3));
}

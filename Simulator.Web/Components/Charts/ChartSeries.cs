namespace TurbineConsole.Simulator.Web.Components.Charts;

/// <summary>Points of one named series of a chart (all of them, or only new ones for an append).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

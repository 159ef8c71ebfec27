namespace TurbineConsole.Simulator.Web.Components.Charts;

/// <summary>A horizontal line drawn across a chart (ApexCharts <c>annotations.yaxis</c>), such as the alert threshold.</summary>
public sealed record ChartThreshold(double Value, string Label, string Color);

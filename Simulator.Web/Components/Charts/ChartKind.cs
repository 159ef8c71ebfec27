namespace TurbineConsole.Simulator.Web.Components.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>Lines through the points.</summary>
    Line,
    /// <summary>A dot per point.</summary>
    Scatter,
    /// <summary>A bar per point.</summary>
    Bar,
}

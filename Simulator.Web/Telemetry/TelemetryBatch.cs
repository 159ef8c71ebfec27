using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>What landed in the tables for one location since the previous push.</summary>
/// <param name="Location">The wind farm (the SignalR group).</param>
/// <param name="Results">Scored readings written to the wind data table (Pipeline:Tables:WindData), in the order they were written.</param>
/// <param name="Windows">Max-speed windows written to the max-speed table (Pipeline:Tables:MaxWindSpeed), in the order they were written.</param>
public sealed record TelemetryBatch(string Location, IReadOnlyList<AnomalyResult> Results, IReadOnlyList<MaxSpeedWindow> Windows);

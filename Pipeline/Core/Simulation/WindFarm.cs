namespace TurbineConsole.Pipeline.Simulation;

/// <summary>One wind-farm location and its turbines' ids.</summary>
public sealed record WindFarm(string Location, IReadOnlyList<string> Turbines);

using Orleans.Placement;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>Marks a grain keyed by <see cref="ShardKey"/> for <see cref="ShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute() : PlacementAttribute(new ShardPlacement());

using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>Picks the worker of a shard's owner when Orleans activates it (<see cref="ShardPlacement"/>).</summary>
internal sealed class ShardPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = ShardKey.Parse(target.GrainIdentity.Key.ToString()!);
        var silo = ShardPlacement.Choose(key.ShardId, context.GetCompatibleSilos(target))
            ?? throw new OrleansException($"No worker can own {key} yet: none has joined the cluster.");
        return Task.FromResult(silo);
    }
}

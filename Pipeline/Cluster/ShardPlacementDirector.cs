using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Picks the worker of a shard's owner when Orleans activates it (<see cref="ShardPlacement"/>), among the workers the
/// membership table lists as active: the list an owner checks on each ping (<see cref="ShardPlacement.ActiveWorkers"/>),
/// so that where it is placed is where it stays. Orleans's list of compatible silos
/// (<see cref="IPlacementContext.GetCompatibleSilos"/>) is used only while the membership table lists no worker: on a
/// worker it can lack a worker that joined for minutes, and an owner placed from it found on its next ping that it
/// belongs elsewhere, moved, and was placed back on the same worker, every second (the cluster resharding test saw
/// that). Every worker runs the same grains.
/// </summary>
internal sealed class ShardPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = ShardKey.Parse(target.GrainIdentity.Key.ToString()!);
        var silo = ShardPlacement.Choose(key.ShardId, ShardPlacement.ActiveWorkers(membership))
            ?? ShardPlacement.Choose(key.ShardId, context.GetCompatibleSilos(target))
            ?? throw new OrleansException($"No worker can own {key} yet: none has joined the cluster.");
        return Task.FromResult(silo);
    }
}

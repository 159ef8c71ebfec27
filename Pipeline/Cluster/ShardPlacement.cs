using Orleans.Runtime;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Places a shard's owner on the worker its number picks among the live workers, in the order of their addresses:
/// shard <c>n</c> on worker <c>n mod count</c>. Every consumer's shard <c>n</c> lands on the same worker (a job and the
/// functions after it share the machine), and 4 shards on 4 workers give each worker one.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardPlacement : PlacementStrategy
{
    /// <summary>The workers the membership table lists as active now (web processes are not silos: every member is a worker).</summary>
    internal static IEnumerable<SiloAddress> ActiveWorkers(IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);

    /// <summary>The worker that should own <paramref name="shardId"/> among <paramref name="silos"/> (none: null).</summary>
    internal static SiloAddress? Choose(string shardId, IEnumerable<SiloAddress> silos)
    {
        var ordered = silos.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        return ordered.Length == 0 ? null : ordered[(int)(ShardKey.Number(shardId) % ordered.Length)];
    }
}

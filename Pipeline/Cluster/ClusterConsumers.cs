using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// What a worker can run: the consumers whose shards the cluster splits (both jobs, the two destination functions, the
/// alert function), and the fenced checkpoint store their saves go through.
/// </summary>
public sealed class ClusterConsumers
{
    private readonly Dictionary<string, IShardConsumer> _byName;

    /// <summary>The consumers, each fenced in <paramref name="checkpoints"/>.</summary>
    public ClusterConsumers(IEnumerable<IShardConsumer> consumers, FencedCheckpointStore checkpoints)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        ArgumentNullException.ThrowIfNull(checkpoints);
        _byName = consumers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Checkpoints = checkpoints;
        foreach (var name in _byName.Keys)
            checkpoints.Fence(name);
    }

    /// <summary>Every consumer.</summary>
    public IReadOnlyCollection<IShardConsumer> All => _byName.Values;

    /// <summary>The checkpoints, fenced per shard by owner epoch.</summary>
    public FencedCheckpointStore Checkpoints { get; }

    /// <summary>The consumer named <paramref name="name"/>, or null.</summary>
    public IShardConsumer? Find(string name) => _byName.GetValueOrDefault(name);
}

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// The owner of one consumer's shard (key <c>consumer/shardId</c>): while it is activated, and only there, the shard's
/// loop runs. Orleans keeps at most one activation in the cluster.
/// </summary>
public interface IShardOwnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Wakes the owner (activating it where placement says, if it is not active); returns true when the shard is done
    /// (read to its end and its end checkpointed, by this owner or an earlier one), so it needs waking no more.
    /// </summary>
    Task<bool> PingAsync();
}

namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>
/// Where a consumer (a job or a function's event source mapping) keeps, per shard, the sequence number of the last
/// record it finished and, for jobs, its state at that point. Position and state are saved together, atomically.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The last checkpoint of this consumer on this shard, or null when it never checkpointed.</summary>
    Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the checkpoint of this consumer on this shard.</summary>
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);
}

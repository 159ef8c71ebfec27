namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// A consumer of a stream whose shards can be run one at a time, wherever their owner is: a job
/// (<see cref="StreamJobRunner"/>) or a function's event source mapping (<see cref="EventSourceMapping"/>). A single
/// process runs every shard (<c>RunAsync</c>); a cluster worker runs the shards it owns.
/// </summary>
public interface IShardConsumer
{
    /// <summary>The consumer's name, as in its checkpoints and dead letters.</summary>
    string Name { get; }

    /// <summary>The stream it reads.</summary>
    string StreamName { get; }

    /// <summary>How it is doing on each shard this process runs.</summary>
    IReadOnlyList<ConsumerStatus> Status { get; }

    /// <summary>
    /// Consumes one shard from its checkpoint until cancelled, restarting it after a failure as <c>RunAsync</c> does;
    /// returns (without throwing) when a closed shard is read to its end (a reshard's parent), or when a fenced save says
    /// the shard is owned elsewhere now.
    /// </summary>
    Task RunShardAsync(string shardId, CancellationToken cancellationToken);

    /// <summary>
    /// True when this consumer read the closed shard to its end and checkpointed that (<c>ShardEnd</c>), in any process:
    /// then its children may start, and the shard needs no owner any more.
    /// </summary>
    Task<bool> IsShardDoneAsync(string shardId, CancellationToken cancellationToken);
}

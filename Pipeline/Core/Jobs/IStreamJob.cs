namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// A streaming job (the lab's Flink applications): reads one stream, writes another. The job itself is an immutable
/// description; its mutable state lives in one <see cref="IShardProcessor"/> per input shard, which the
/// <see cref="Runtime.StreamJobRunner"/> checkpoints together with the shard position.
/// </summary>
public interface IStreamJob
{
    /// <summary>The job's name: its checkpoint and dead-letter consumer name.</summary>
    string Name { get; }

    /// <summary>The stream read.</summary>
    string InputStream { get; }

    /// <summary>The stream written.</summary>
    string OutputStream { get; }

    /// <summary>How long a shard may go without new records before its processor is told it is idle; null: never.</summary>
    TimeSpan? IdleTimeout => null;

    /// <summary>A fresh processor for one shard, with empty state.</summary>
    IShardProcessor CreateProcessor();
}

using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>The per-shard, stateful part of a job. Deterministic: the same records from the same state give the same output.</summary>
public interface IShardProcessor
{
    /// <summary>
    /// Processes one record, adding what it produces to <paramref name="output"/>. Throws
    /// <see cref="Records.RecordFormatException"/> for a record it cannot read; the runner dead-letters it.
    /// </summary>
    void Process(StreamRecord record, JobOutput output);

    /// <summary>The state after the last processed record, for a checkpoint.</summary>
    byte[] SaveState();

    /// <summary>Replaces the state with a checkpointed one.</summary>
    void RestoreState(ReadOnlySpan<byte> state);

    /// <summary>
    /// Called when the shard has had no new record for the job's <see cref="IStreamJob.IdleTimeout"/>: a processor that
    /// holds results back until more data arrives (open windows) may emit them now. Returns true when its state changed.
    /// </summary>
    bool OnIdle(JobOutput output) => false;
}

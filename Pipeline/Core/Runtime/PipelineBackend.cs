using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>The four ports the pipeline runs on, from one backend (embedded or AWS), and what must be closed with them.</summary>
public sealed class PipelineBackend(IStreamClient streams, ITableStore tables, ICheckpointStore checkpoints, IDeadLetterStore deadLetters, IAsyncDisposable? owner = null)
    : IAsyncDisposable
{
    /// <summary>Streams.</summary>
    public IStreamClient Streams { get; } = streams;

    /// <summary>Tables.</summary>
    public ITableStore Tables { get; } = tables;

    /// <summary>Consumer positions and job state.</summary>
    public ICheckpointStore Checkpoints { get; } = checkpoints;

    /// <summary>Records given up on.</summary>
    public IDeadLetterStore DeadLetters { get; } = deadLetters;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}

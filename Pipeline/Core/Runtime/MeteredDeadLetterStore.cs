using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The dead-letter store the consumers write through, counting each dead letter in <see cref="PipelineMetrics"/> (by
/// consumer and reason category) once it is stored; everything else goes straight to <paramref name="inner"/>.
/// </summary>
internal sealed class MeteredDeadLetterStore(IDeadLetterStore inner, PipelineMetrics metrics) : IDeadLetterStore
{
    /// <summary>The store written to, unwrapped when given a metered one already.</summary>
    public static IDeadLetterStore Wrap(IDeadLetterStore store, PipelineMetrics? metrics) =>
        metrics is null || store is MeteredDeadLetterStore ? store : new MeteredDeadLetterStore(store, metrics);

    /// <inheritdoc />
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        await inner.AddAsync(deadLetter, cancellationToken);
        metrics.RecordDeadLetter(deadLetter.Consumer, deadLetter.Reason);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? consumer = null, int limit = 100, CancellationToken cancellationToken = default) =>
        inner.ListAsync(consumer, limit, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(string? consumer = null, CancellationToken cancellationToken = default) => inner.CountAsync(consumer, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetterCount>> CountByReasonAsync(CancellationToken cancellationToken = default) => inner.CountByReasonAsync(cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteAsync(IReadOnlyCollection<DeadLetterKey> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteFailedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => inner.DeleteFailedBeforeAsync(cutoff, cancellationToken);
}

namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>Where records go that could not be parsed or processed, with the reason, so that nothing is lost silently.</summary>
public interface IDeadLetterStore
{
    /// <summary>Stores a dead letter. Storing the same (consumer, stream, shard, sequence number) again keeps one.</summary>
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>The newest dead letters first, at most <paramref name="limit"/>, optionally of one consumer.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(string? consumer = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>How many dead letters are stored, optionally of one consumer.</summary>
    Task<long> CountAsync(string? consumer = null, CancellationToken cancellationToken = default);

    /// <summary>How many dead letters each consumer holds per reason category (<see cref="DeadLetterReason.Category"/>), largest first.</summary>
    Task<IReadOnlyList<DeadLetterCount>> CountByReasonAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the dead letters with these keys (keys not stored are skipped); returns how many were deleted.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<DeadLetterKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Deletes the dead letters that failed before <paramref name="cutoff"/> (the retention); returns how many.</summary>
    Task<int> DeleteFailedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

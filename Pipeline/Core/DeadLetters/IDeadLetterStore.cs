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
}

using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Reads one shard forward from a position, renewing its iterator (from the last record handed out) when it expires,
/// until the shard's end if it is closed (<see cref="AtShardEnd"/>).
/// </summary>
internal sealed class ShardCursor(IStreamClient streams, string streamName, string shardId, string? afterSequenceNumber)
{
    private string? _iterator;
    private string? _position = afterSequenceNumber;

    /// <summary>The sequence number of the last record handed out, or the starting position.</summary>
    public string? Position => _position;

    /// <summary>How far the last read was behind the shard's tip, in milliseconds (Kinesis's <c>MillisBehindLatest</c>); 0 when caught up.</summary>
    public long MillisBehindLatest { get; private set; }

    /// <summary>True once the shard is closed and every record of it has been handed out: nothing more will come.</summary>
    public bool AtShardEnd { get; private set; }

    /// <summary>Up to <paramref name="limit"/> records after the current position (none when the shard has nothing new, or is at its end).</summary>
    public async Task<IReadOnlyList<StreamRecord>> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (AtShardEnd)
                return [];
            _iterator ??= await streams.GetShardIteratorAsync(streamName, shardId,
                _position is null ? StartingPosition.TrimHorizon : StartingPosition.AfterSequenceNumber(_position), cancellationToken);
            try
            {
                var result = await streams.GetRecordsAsync(_iterator, limit, cancellationToken);
                _iterator = result.NextShardIterator;
                AtShardEnd = result.AtShardEnd;
                MillisBehindLatest = result.MillisBehindLatest;
                if (result.Records.Count > 0)
                    _position = result.Records[^1].SequenceNumber;
                return result.Records;
            }
            catch (ExpiredIteratorException) when (attempt == 0)
            {
                _iterator = null;
            }
        }
    }
}

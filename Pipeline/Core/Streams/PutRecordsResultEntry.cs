namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// The fate of one put record: a shard and sequence number when it succeeded, an error code
/// (such as ProvisionedThroughputExceededException or InternalFailure) when it did not.
/// </summary>
public sealed record PutRecordsResultEntry(string? ShardId, string? SequenceNumber, string? ErrorCode = null, string? ErrorMessage = null)
{
    /// <summary>True when the record was stored.</summary>
    public bool Succeeded => ErrorCode is null;
}

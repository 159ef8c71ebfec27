using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>How a function sends a record it cannot read to the dead-letter store.</summary>
internal static class FunctionDeadLetters
{
    /// <summary>Stores the record with its reason; returns a batch-item failure when even that failed, so the record is retried.</summary>
    public static async Task<BatchItemFailure?> TryAddAsync(IDeadLetterStore deadLetters, string consumer, KinesisEventRecord record, string reason,
        TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.AddAsync(new DeadLetter(consumer, record.StreamName, record.ShardId, record.Kinesis.SequenceNumber,
                record.Kinesis.Data, reason, time.GetUtcNow(), record.Kinesis.PartitionKey), cancellationToken);
            return null;
        }
        catch (Exception storeError) when (storeError is not OperationCanceledException)
        {
            return new BatchItemFailure(record.Kinesis.SequenceNumber, $"{reason} (and the dead-letter store failed: {storeError.Message})");
        }
    }
}

using Polly;
using TurbineConsole.Pipeline.Resilience;

namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// Puts any number of records into a stream: in calls within Kinesis's limits (<see cref="KinesisRules.MaxRecordsPerPut"/>
/// records, <see cref="KinesisRules.MaxPutBytes"/>), retrying only the entries that failed (throttling, internal
/// failures) as <see cref="PipelineResilience.PartialBatchRetries"/> says, until all are stored or the attempts run out.
/// </summary>
/// <param name="streams">The stream client.</param>
/// <param name="maxAttempts">Attempts per call, the first included, before failed entries are given up on.</param>
/// <param name="timeProvider">The clock of the waits between attempts.</param>
public sealed class StreamPublisher(IStreamClient streams, int maxAttempts = 10, TimeProvider? timeProvider = null)
{
    /// <summary>Sends failed entries again.</summary>
    private readonly ResiliencePipeline<int> _retries = PipelineResilience.PartialBatchRetries(maxAttempts, timeProvider);

    /// <summary>
    /// Puts the records, in order per call. Returns the result of each record, in input order, and how many entries
    /// were retried. Entries still failing after the last attempt keep their error in the result.
    /// Stream-level errors (a missing stream, a too-large record) are thrown.
    /// </summary>
    public async Task<PublishOutcome> PutAllAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        var results = new PutRecordsResultEntry[records.Count];
        var retried = 0;
        var start = 0;
        while (start < records.Count)
        {
            var count = 0;
            long bytes = 0;
            while (start + count < records.Count && count < KinesisRules.MaxRecordsPerPut)
            {
                var size = KinesisRules.RecordBytes(records[start + count]);
                if (count > 0 && bytes + size > KinesisRules.MaxPutBytes)
                    break;
                bytes += size;
                count++;
            }
            retried += await PutChunkAsync(streamName, records, start, count, results, cancellationToken);
            start += count;
        }
        return new PublishOutcome(results, retried);
    }

    /// <summary>Puts one call's worth of records, then only its failed entries again; returns how many entries were sent again.</summary>
    private async Task<int> PutChunkAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, int start, int count,
        PutRecordsResultEntry[] results, CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(start, count).ToList();
        var retried = -count;
        await _retries.ExecuteAsync(async token =>
        {
            retried += pending.Count;
            var answer = await streams.PutRecordsAsync(streamName, pending.Select(i => records[i]).ToList(), token);
            var failed = new List<int>();
            for (var j = 0; j < pending.Count; j++)
            {
                results[pending[j]] = answer.Records[j];
                if (!answer.Records[j].Succeeded)
                    failed.Add(pending[j]);
            }
            pending = failed;
            return failed.Count;
        }, cancellationToken);
        return retried;
    }
}

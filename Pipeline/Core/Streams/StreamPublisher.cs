namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// Puts any number of records into a stream: in calls of at most 500 records and 5 MiB, retrying only the entries
/// that failed (throttling, internal failures) with growing backoff, until all are stored or the retries run out.
/// </summary>
public sealed class StreamPublisher(IStreamClient streams, int maxAttempts = 10, TimeSpan? firstBackoff = null)
{
    /// <summary>Records per PutRecords call (Kinesis's limit).</summary>
    public const int MaxRecordsPerCall = 500;

    /// <summary>Bytes per PutRecords call (Kinesis's limit).</summary>
    public const int MaxBytesPerCall = 5 * 1024 * 1024;

    private readonly TimeSpan _firstBackoff = firstBackoff ?? TimeSpan.FromMilliseconds(50);

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
            while (start + count < records.Count && count < MaxRecordsPerCall)
            {
                var size = records[start + count].Data.Length + System.Text.Encoding.UTF8.GetByteCount(records[start + count].PartitionKey);
                if (count > 0 && bytes + size > MaxBytesPerCall)
                    break;
                bytes += size;
                count++;
            }
            retried += await PutChunkAsync(streamName, records, start, count, results, cancellationToken);
            start += count;
        }
        return new PublishOutcome(results, retried);
    }

    private async Task<int> PutChunkAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, int start, int count,
        PutRecordsResultEntry[] results, CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(start, count).ToList();
        var retried = 0;
        for (var attempt = 1; ; attempt++)
        {
            var batch = pending.Select(i => records[i]).ToList();
            var answer = await streams.PutRecordsAsync(streamName, batch, cancellationToken);
            var failed = new List<int>();
            for (var j = 0; j < pending.Count; j++)
            {
                results[pending[j]] = answer.Records[j];
                if (!answer.Records[j].Succeeded)
                    failed.Add(pending[j]);
            }
            if (failed.Count == 0 || attempt >= maxAttempts)
                return retried;
            retried += failed.Count;
            pending = failed;
            var backoff = _firstBackoff * Math.Pow(2, attempt - 1);
            await Task.Delay(TimeSpan.FromTicks(Math.Min(backoff.Ticks, TimeSpan.FromSeconds(5).Ticks)) * (0.5 + Random.Shared.NextDouble() / 2), cancellationToken);
        }
    }
}

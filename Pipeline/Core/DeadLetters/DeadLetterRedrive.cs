using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>
/// Puts dead letters back into the stream they were read from, once the cause is fixed (a setting, a producer), so that
/// every consumer of that stream reads them again; what was put back leaves the dead-letter store. A record that
/// several consumers gave up on (both jobs read WindDataStream) is put back once, and all its letters go.
/// </summary>
public sealed class DeadLetterRedrive(IStreamClient streams, IDeadLetterStore store)
{
    /// <summary>Puts <paramref name="letters"/> back; those that could not be put stay stored, with the error in the result.</summary>
    public async Task<RedriveResult> RedriveAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var publisher = new StreamPublisher(streams);
        var put = 0;
        var removed = 0;
        var errors = new List<string>();
        foreach (var stream in letters.GroupBy(l => l.StreamName, StringComparer.Ordinal))
        {
            var records = stream.GroupBy(l => (l.ShardId, l.SequenceNumber)).ToList();
            var entries = records.Select(r => r.First()).Select(l => new PutRecordsEntry(l.PartitionKey.Length > 0 ? l.PartitionKey : l.SequenceNumber, l.Data)).ToList();
            PublishOutcome outcome;
            try
            {
                outcome = await publisher.PutAllAsync(stream.Key, entries, cancellationToken).ConfigureAwait(false);
            }
            catch (StreamException e)
            {
                errors.Add($"{stream.Key}: {e.Message}");
                continue;
            }

            var succeeded = records.Where((_, i) => outcome.Results[i].Succeeded).ToList();
            errors.AddRange(outcome.Results.Where(r => !r.Succeeded).Select(r => $"{stream.Key}: {r.ErrorCode} {r.ErrorMessage}").Distinct());
            put += succeeded.Count;
            var sent = succeeded.SelectMany(r => r).Select(l => l.Key).ToList();
            removed += await store.DeleteAsync(sent, cancellationToken).ConfigureAwait(false);
        }

        return new RedriveResult(put, removed, errors);
    }
}

/// <summary>What a re-drive did.</summary>
/// <param name="RecordsPut">Records put back into their streams.</param>
/// <param name="LettersRemoved">Dead letters removed from the store (one record may have had several).</param>
/// <param name="Errors">Why records could not be put, one line per stream and error.</param>
public sealed record RedriveResult(int RecordsPut, int LettersRemoved, IReadOnlyList<string> Errors);

using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>What a processor produced from a batch: records for the output stream, in order.</summary>
public sealed class JobOutput
{
    private readonly List<PutRecordsEntry> _records = [];

    /// <summary>The records to put, in the order they were produced.</summary>
    public IReadOnlyList<PutRecordsEntry> Records => _records;

    /// <summary>Adds a record for the output stream.</summary>
    public void Emit(string partitionKey, byte[] data) => _records.Add(new PutRecordsEntry(partitionKey, data));

    /// <summary>Forgets everything, for the next batch.</summary>
    public void Clear() => _records.Clear();
}

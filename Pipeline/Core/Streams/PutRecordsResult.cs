namespace TurbineConsole.Pipeline.Streams;

/// <summary>The answer to PutRecords: one entry per record, in order.</summary>
public sealed record PutRecordsResult(int FailedRecordCount, IReadOnlyList<PutRecordsResultEntry> Records);

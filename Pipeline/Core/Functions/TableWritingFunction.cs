using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>
/// What both destination functions do: turn each record into one table item (its key derived from the record,
/// so a replay rewrites the same item), send records that cannot be read to the dead-letter store at once, write
/// the rest in one batch and report, record by record, the writes that failed. Write errors are never swallowed.
/// </summary>
public abstract class TableWritingFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null)
    : IStreamFunction
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The table written.</summary>
    public string TableName { get; } = tableName;

    /// <summary>The item for one record; throws <see cref="RecordFormatException"/> when the record cannot be read.</summary>
    protected abstract Item ToItem(ReadOnlyMemory<byte> data);

    /// <inheritdoc />
    public async Task<StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        var failures = new List<BatchItemFailure>();
        var items = new List<Item>(kinesisEvent.Records.Count);
        var sources = new List<KinesisEventRecord>(kinesisEvent.Records.Count);
        foreach (var record in kinesisEvent.Records)
        {
            try
            {
                items.Add(ToItem(record.Kinesis.Data));
                sources.Add(record);
            }
            catch (RecordFormatException e)
            {
                if (await FunctionDeadLetters.TryAddAsync(deadLetters, Name, record, e.Message, _time, cancellationToken) is { } failure)
                    failures.Add(failure);
            }
        }

        if (items.Count > 0)
        {
            try
            {
                await tables.PutItemsAsync(TableName, items, cancellationToken);
            }
            catch (Exception batchError) when (batchError is not OperationCanceledException)
            {
                // The batch failed as a whole: write item by item so that only the records that really fail are retried.
                for (var i = 0; i < items.Count; i++)
                {
                    try
                    {
                        await tables.PutItemAsync(TableName, items[i], cancellationToken: cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures.Add(new BatchItemFailure(sources[i].Kinesis.SequenceNumber, $"Writing to {TableName} failed: {e.Message}"));
                    }
                }
            }
        }
        return failures.Count == 0 ? StreamsEventResponse.Success : new StreamsEventResponse(failures);
    }
}

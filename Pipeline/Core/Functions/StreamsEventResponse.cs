namespace TurbineConsole.Pipeline.Functions;

/// <summary>
/// A function's answer to a batch, in Lambda's partial-failure contract (ReportBatchItemFailures): the sequence
/// numbers of the records that failed. The event source mapping retries from the lowest of them; an empty list
/// means the whole batch succeeded.
/// </summary>
public sealed record StreamsEventResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    /// <summary>The answer for a batch that fully succeeded.</summary>
    public static StreamsEventResponse Success { get; } = new([]);
}

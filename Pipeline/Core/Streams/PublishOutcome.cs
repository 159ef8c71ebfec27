namespace TurbineConsole.Pipeline.Streams;

/// <summary>What <see cref="StreamPublisher.PutAllAsync"/> did: each record's result in input order, and how many entries it retried.</summary>
public sealed record PublishOutcome(IReadOnlyList<PutRecordsResultEntry> Results, int RetriedEntries)
{
    /// <summary>Records still not stored after the last attempt.</summary>
    public int FailedCount => Results.Count(r => !r.Succeeded);
}

namespace TurbineConsole.Pipeline.Functions;

/// <summary>One failed record: its sequence number (never empty: an empty identifier fails the whole batch on Lambda).</summary>
/// <param name="ItemIdentifier">The record's sequence number.</param>
/// <param name="Reason">Why it failed, shown as the consumer's last error while the record is retried (not part of Lambda's contract).</param>
public sealed record BatchItemFailure(string ItemIdentifier, string? Reason = null);

namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>
/// A dead letter's reason reduced to one of a few fixed categories, for a metric tag and the counts on the Dead letters
/// page: the reason's text names fields and values from the record, which must not become a tag or a group (each
/// distinct text would be a series of its own).
/// </summary>
public static class DeadLetterReason
{
    /// <summary>The reading's time is too far from its arrival (<c>Pipeline:EventTime</c>).</summary>
    public const string Clock = "clock";

    /// <summary>The reading came after its window had closed.</summary>
    public const string Late = "late";

    /// <summary>The record is larger than a record of its kind may be.</summary>
    public const string Oversized = "oversized";

    /// <summary>Not JSON, not an object, not UTF-8 or not the expected CSV.</summary>
    public const string Malformed = "malformed";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong type or an unacceptable value.</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>The category of <paramref name="reason"/>, one of this class's constants.</summary>
    public static string Category(string reason) => reason switch
    {
        _ when reason.Contains("Pipeline:EventTime", StringComparison.Ordinal) => Clock,
        _ when reason.StartsWith("Late reading", StringComparison.Ordinal) => Late,
        _ when reason.Contains(" bytes", StringComparison.Ordinal) && !reason.StartsWith("Field '", StringComparison.Ordinal) => Oversized,
        _ when reason.Contains("is missing", StringComparison.Ordinal) => MissingField,
        _ when reason.StartsWith("Field '", StringComparison.Ordinal) => InvalidField,
        _ when reason.Contains("JSON", StringComparison.Ordinal) || reason.Contains("UTF-8", StringComparison.Ordinal)
            || reason.Contains("CSV", StringComparison.Ordinal) || reason.Contains("quote", StringComparison.Ordinal) => Malformed,
        _ => Other,
    };

    /// <summary>What a category means, for people.</summary>
    public static string Describe(string category) => category switch
    {
        Clock => "Reading time too far from its arrival (Pipeline:EventTime)",
        Late => "Too late for its window",
        Oversized => "Too large",
        Malformed => "Not readable (not JSON, UTF-8 or the expected CSV)",
        MissingField => "A field is missing",
        InvalidField => "A field has a wrong type or value",
        _ => "Other",
    };

    /// <summary>Sums raw counts per (consumer, reason) into counts per consumer and category, largest first.</summary>
    public static IReadOnlyList<DeadLetterCount> CountByCategory(IEnumerable<(string Consumer, string Reason, long Count)> counts) =>
        counts
            .GroupBy(c => (c.Consumer, Category: Category(c.Reason)))
            .Select(g => new DeadLetterCount(g.Key.Consumer, g.Key.Category, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Consumer, StringComparer.Ordinal)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
}

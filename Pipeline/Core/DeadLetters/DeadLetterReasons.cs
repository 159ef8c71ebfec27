using System.Text.RegularExpressions;

namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>
/// Reasons grouped into kinds for counts and metrics: a reason carries the record's own values ("Field 'timestamp'
/// 2031-... is 5 years after..."), so counting by the whole text would give one group per record. The kind is the
/// field a reason names, or else its wording with numbers and quoted values taken out.
/// </summary>
public static partial class DeadLetterReasons
{
    /// <summary>Longest kind kept.</summary>
    private const int MaxKindLength = 60;

    /// <summary>The kind of <paramref name="reason"/>: "Field 'timestamp'", "The record is not valid JSON", ...</summary>
    public static string KindOf(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (FieldName().Match(reason) is { Success: true } field)
        {
            return field.Value;
        }

        var kind = Values().Replace(reason.Split([':', '(', ';'], 2)[0], "…").Trim().TrimEnd('.');
        kind = kind.Length > MaxKindLength ? kind[..MaxKindLength] + "…" : kind;
        return kind.Length == 0 ? "Other" : kind;
    }

    /// <summary>Sums raw counts per (consumer, reason) into counts per consumer and kind, largest first.</summary>
    public static IReadOnlyList<DeadLetterCount> CountByKind(IEnumerable<(string Consumer, string Reason, long Count)> counts) =>
        counts
            .GroupBy(c => (c.Consumer, Kind: KindOf(c.Reason)))
            .Select(g => new DeadLetterCount(g.Key.Consumer, g.Key.Kind, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Consumer, StringComparer.Ordinal)
            .ThenBy(c => c.ReasonKind, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^Field '[A-Za-z]{1,40}'")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"'[^']*'|""[^""]*""|\d[\d,.]*")]
    private static partial Regex Values();
}

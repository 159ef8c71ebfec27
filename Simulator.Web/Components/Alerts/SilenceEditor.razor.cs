using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Alerts;

/// <summary>
/// Creates, lists and ends silences. Anyone signed in sees them; creating and ending one needs the Administer policy,
/// checked on the server at every click, and is written to the audit log. Every field is checked with a message that
/// names it; nothing typed is changed silently.
/// </summary>
public sealed partial class SilenceEditor
{
    private static readonly string[] s_timeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    private IReadOnlyList<Silence> _silences = [];
    private string _location = "";
    private string _turbine = "";
    private string _starts = "";
    private string _ends = "";
    private string _reason = "";

    [Inject] private SilenceStore Silences { get; set; } = null!;

    [Inject] private IOptions<AlertOptions> Options { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    private string RetentionText => Options.Value.SilenceRetention.TotalDays >= 1
        ? $"{Options.Value.SilenceRetention.TotalDays:0.#} days"
        : $"{Options.Value.SilenceRetention.TotalHours:0.#} hours";

    /// <inheritdoc />
    protected override async Task ReloadAsync()
    {
        try
        {
            _silences = await Silences.ListAsync(Time.GetUtcNow());
        }
        catch (Exception e)
        {
            Error = $"Could not read the silences table: {e.Message}";
        }
    }

    private string StateOf(Silence silence)
    {
        var now = Time.GetUtcNow();
        return silence.IsActiveAt(now) ? "active" : silence.StartsAt > now ? "scheduled" : "ended";
    }

    private Task CreateAsync() => AdministerAsync("create a silence", "Could not store the silence", async check =>
    {
        var now = Time.GetUtcNow();
        var errors = new List<string>();
        var starts = ParseTime(_starts, "Start", null, now, errors);
        var ends = ParseTime(_ends, "End", starts ?? now, now, errors);
        var draft = new SilenceDraft { Location = _location, Turbine = _turbine, StartsAt = starts, EndsAt = ends, Reason = _reason };
        if (errors.Count > 0)
        {
            // The times could not be read: say so, with what else is wrong (but not again that the end is missing).
            Error = string.Join(" ", errors.Concat(draft.Errors(now).Where(e => !e.StartsWith("End", StringComparison.Ordinal))));
            return null;
        }
        var silence = await Silences.CreateAsync(draft, check.UserName, now);
        await Guard.AuditAsync(check, AuditActions.SilenceCreated, AuditDetails.Silence(silence));
        _location = _turbine = _starts = _ends = _reason = "";
        return $"Silence created: {silence.Description}.";
    });

    private Task EndAsync(Silence silence) => AdministerAsync("end a silence", "Could not end the silence", async check =>
    {
        var ended = await Silences.EndAsync(silence.Location, silence.Id, check.UserName, Time.GetUtcNow());
        await Guard.AuditAsync(check, AuditActions.SilenceEnded, AuditDetails.Silence(ended));
        return $"Silence ended: {silence.Location}{(silence.Turbine is null ? "" : " / " + silence.Turbine)}.";
    });

    /// <summary>
    /// A time typed in <paramref name="field"/>: UTC as yyyy-MM-dd HH:mm, or (with <paramref name="relativeTo"/>) a duration
    /// after it such as +2h, +90m, +1d. Null when empty; a message naming the field when unreadable.
    /// </summary>
    internal static DateTimeOffset? ParseTime(string? text, string field, DateTimeOffset? relativeTo, DateTimeOffset now, List<string> errors)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (relativeTo is { } start && value.StartsWith('+'))
        {
            var unit = value[^1];
            if (value.Length > 2 && int.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount <= 100_000
                && unit is 'm' or 'h' or 'd')
            {
                return start + (unit == 'm' ? TimeSpan.FromMinutes(amount) : unit == 'h' ? TimeSpan.FromHours(amount) : TimeSpan.FromDays(amount));
            }
            errors.Add($"{field} as a duration is + then a whole number and m, h or d (for example +90m, +2h, +1d); \"{value}\" is not.");
            return null;
        }
        if (DateTime.TryParseExact(value, s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return new DateTimeOffset(time, TimeSpan.Zero);
        errors.Add(relativeTo is null
            ? $"{field} must be a UTC time such as {now:yyyy-MM-dd HH:mm}, or empty for now; \"{value}\" is not."
            : $"{field} must be a UTC time such as {now.AddHours(2):yyyy-MM-dd HH:mm}, or a duration from the start such as +2h; \"{value}\" is not.");
        return null;
    }
}

using System.Globalization;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The fields of a run's scripted faults and daily wind profile, with their allowed ranges and the message for a value
/// outside them: one source for the simulator page, the API and <see cref="WindSimulator"/> (what reaches them is
/// untrusted). A value is refused with a message naming the fault, the field and the range; nothing is clamped.
/// </summary>
public static class FaultFields
{
    /// <summary>The kind field's name.</summary>
    public const string Kind = "Fault";

    /// <summary>The location field's name.</summary>
    public const string Location = "Location";

    /// <summary>The turbine field's name.</summary>
    public const string Turbine = "Turbine";

    /// <summary>The start field's name.</summary>
    public const string Start = "Start (s after the first reading)";

    /// <summary>The duration field's name.</summary>
    public const string Duration = "Duration (s)";

    /// <summary>The drift field's name.</summary>
    public const string Drift = "Drift (mph per minute)";

    /// <summary>The gust field's name.</summary>
    public const string Gust = "Gust (mph)";

    /// <summary>The delay field's name.</summary>
    public const string Delay = "Delay per turbine (s)";

    /// <summary>The daily profile's amplitude field's name.</summary>
    public const string Amplitude = "Daily amplitude (mph)";

    /// <summary>The daily profile's peak hour field's name.</summary>
    public const string PeakHour = "Windiest hour (UTC)";

    /// <summary>Most faults one run may script.</summary>
    public const int MaxFaults = 20;

    /// <summary>Latest start, in seconds (30 days).</summary>
    public const double MaxStartSeconds = 30 * 86_400;

    /// <summary>Longest duration, in seconds (a day).</summary>
    public const double MaxDurationSeconds = 86_400;

    /// <summary>Largest drift either way, mph per minute.</summary>
    public const double MaxDriftMphPerMinute = 60;

    /// <summary>Smallest drift either way, mph per minute (0 is no fault).</summary>
    public const double MinDriftMphPerMinute = 0.01;

    /// <summary>Largest gust, mph.</summary>
    public const double MaxGustMph = 100;

    /// <summary>Smallest gust, mph.</summary>
    public const double MinGustMph = 1;

    /// <summary>Longest delay between two turbines of a gust front, in seconds.</summary>
    public const double MaxDelaySeconds = 3_600;

    /// <summary>The kind's name in messages and tables: "stuck sensor", "drifting sensor", "gust front".</summary>
    public static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.StuckSensor => "stuck sensor",
        FaultKind.DriftingSensor => "drifting sensor",
        FaultKind.GustFront => "gust front",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind's short name on a command line and in the API: <c>stuck</c>, <c>drift</c>, <c>gust</c>.</summary>
    public static string KindCode(FaultKind kind) => kind switch
    {
        FaultKind.StuckSensor => "stuck",
        FaultKind.DriftingSensor => "drift",
        FaultKind.GustFront => "gust",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Reads a kind from its short name (<c>stuck</c>, <c>drift</c>, <c>gust</c>) or its enum name (<c>StuckSensor</c>,
    /// any case); the message says why it is refused, or is null with the kind in <paramref name="kind"/>.
    /// </summary>
    public static string? ParseKind(string? text, out FaultKind kind)
    {
        kind = default;
        var trimmed = text?.Trim() ?? "";
        foreach (var candidate in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(trimmed, KindCode(candidate), StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return null;
            }
        }
        var allowed = string.Join(", ", Enum.GetValues<FaultKind>().Select(KindCode));
        return trimmed.Length == 0 ? $"{Kind} must be one of {allowed}; it is empty." : $"{Kind} must be one of {allowed}; \"{Shorten(trimmed)}\" is not.";
    }

    /// <summary>
    /// Reads a typed number for <paramref name="field"/> from <paramref name="min"/> to <paramref name="max"/>; the message
    /// says why it is refused, or is null with the number in <paramref name="value"/>.
    /// </summary>
    public static string? ParseNumber(string? text, string field, double min, double max, out double value)
    {
        if (!double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return string.IsNullOrWhiteSpace(text)
                ? $"{field} must be a number from {Show(min)} to {Show(max)}; it is empty."
                : $"{field} must be a number from {Show(min)} to {Show(max)}; \"{Shorten(text.Trim())}\" is not.";
        }
        return RangeError(field, min, max, value);
    }

    /// <summary>Why <paramref name="profile"/> is refused, or null when it may run.</summary>
    public static string? ProfileError(DailyWindProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return RangeError(Amplitude, 0, DailyWindProfile.MaxAmplitudeMph, profile.AmplitudeMph)
            ?? (profile.PeakHourUtc is >= 0 and < 24 ? null : $"{PeakHour} must be 0 to 24 (not 24 itself); {Show(profile.PeakHourUtc)} is outside that range.");
    }

    /// <summary>
    /// Why fault number <paramref name="number"/> (from 1) is refused on a dataset with <paramref name="farms"/>, or null
    /// when it may run. Each value is checked in the page's order; a field that does not apply to the kind is refused
    /// rather than ignored.
    /// </summary>
    public static string? FaultError(ScriptedFault fault, int number, IReadOnlyList<WindFarm> farms)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(farms);
        var prefix = Enum.IsDefined(fault.Kind) ? $"Fault {number} ({KindName(fault.Kind)}): " : $"Fault {number}: ";
        return Problem(fault, farms) is { } problem ? prefix + problem : null;
    }

    /// <summary>
    /// The first problem of a run's faults and profile on a dataset with <paramref name="farms"/>, or null when they may
    /// run.
    /// </summary>
    public static string? Error(IReadOnlyList<ScriptedFault> faults, DailyWindProfile profile, IReadOnlyList<WindFarm> farms)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (ProfileError(profile) is { } profileError)
            return profileError;
        if (faults.Count > MaxFaults)
            return $"A run may script at most {MaxFaults} faults; this one has {faults.Count}.";
        for (var i = 0; i < faults.Count; i++)
        {
            if (faults[i] is null)
                return $"Fault {i + 1} is empty.";
            if (FaultError(faults[i], i + 1, farms) is { } error)
                return error;
        }
        return null;
    }

    private static string? Problem(ScriptedFault fault, IReadOnlyList<WindFarm> farms)
    {
        if (!Enum.IsDefined(fault.Kind))
            return $"{Kind} must be one of {string.Join(", ", Enum.GetValues<FaultKind>().Select(KindCode))}.";
        var farm = farms.FirstOrDefault(f => string.Equals(f.Location, fault.Location, StringComparison.Ordinal));
        if (farm is null)
        {
            return string.IsNullOrWhiteSpace(fault.Location)
                ? $"{Location} must be one of the dataset's: {string.Join(", ", farms.Select(f => f.Location))}; it is empty."
                : $"{Location} must be one of the dataset's: {string.Join(", ", farms.Select(f => f.Location))}; \"{Shorten(fault.Location)}\" is not.";
        }
        if (fault.Kind == FaultKind.GustFront)
        {
            if (fault.Turbine is not null)
                return $"{Turbine} does not apply: a gust front crosses every turbine of {farm.Location}, one after another; leave it out.";
        }
        else if (!farm.Turbines.Contains(fault.Turbine ?? "", StringComparer.Ordinal))
        {
            var some = farm.Turbines.Count <= 4 ? string.Join(", ", farm.Turbines) : $"{farm.Turbines[0]} to {farm.Turbines[^1]}";
            return string.IsNullOrWhiteSpace(fault.Turbine)
                ? $"{Turbine} must be one of {farm.Location}'s turbines ({some}); it is empty."
                : $"{Turbine} must be one of {farm.Location}'s turbines ({some}); \"{Shorten(fault.Turbine)}\" is not.";
        }
        return RangeError(Start, 0, MaxStartSeconds, fault.Start.TotalSeconds)
            ?? RangeError(Duration, 1, MaxDurationSeconds, fault.Duration.TotalSeconds)
            ?? OnlyFor(fault, FaultKind.DriftingSensor, Drift, fault.DriftMphPerMinute is not null)
            ?? OnlyFor(fault, FaultKind.GustFront, Gust, fault.GustMph is not null)
            ?? OnlyFor(fault, FaultKind.GustFront, Delay, fault.DelayPerTurbine is not null)
            ?? (fault.Kind == FaultKind.DriftingSensor ? DriftError(fault.Drift) : null)
            ?? (fault.Kind == FaultKind.GustFront
                ? RangeError(Gust, MinGustMph, MaxGustMph, fault.Gust) ?? RangeError(Delay, 0, MaxDelaySeconds, fault.Delay.TotalSeconds)
                : null);
    }

    /// <summary>Why a drift is refused: outside ±<see cref="MaxDriftMphPerMinute"/> or closer to 0 than <see cref="MinDriftMphPerMinute"/>.</summary>
    public static string? DriftError(double drift) =>
        double.IsNaN(drift) || Math.Abs(drift) < MinDriftMphPerMinute || Math.Abs(drift) > MaxDriftMphPerMinute
            ? $"{Drift} must be {Show(MinDriftMphPerMinute)} to {Show(MaxDriftMphPerMinute)} either way (negative drifts down); {Show(drift)} is outside that range."
            : null;

    private static string? OnlyFor(ScriptedFault fault, FaultKind kind, string field, bool given) =>
        given && fault.Kind != kind ? $"{field} applies to a {KindName(kind)} only; leave it out." : null;

    private static string? RangeError(string field, double min, double max, double value) =>
        double.IsNaN(value) || value < min || value > max ? $"{field} must be {Show(min)} to {Show(max)}; {Show(value)} is outside that range." : null;

    /// <summary>Text from outside, cut to a length a message can show.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Show(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}

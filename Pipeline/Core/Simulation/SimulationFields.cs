using System.Globalization;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The values a user gives a run (rate, locations, turbines, stop after) with their allowed ranges and the message for
/// a value outside them: one source for the simulator page, which checks what is typed, and for
/// <see cref="WindSimulator"/>, which checks what it is asked to run (form fields and hub arguments are untrusted).
/// A value is refused with a message naming the field and the range, never clamped or changed.
/// </summary>
public static class SimulationFields
{
    /// <summary>The rate field's name, as the page labels it.</summary>
    public const string Rate = "Readings per second";

    /// <summary>The locations field's name.</summary>
    public const string Locations = "Locations";

    /// <summary>The turbines field's name.</summary>
    public const string Turbines = "Turbines per location";

    /// <summary>The stop-after field's name.</summary>
    public const string StopAfter = "Stop after N readings";

    /// <summary>Lowest rate a run may ask for, in readings per second.</summary>
    public const double MinRatePerSecond = 0.1;

    /// <summary>Most turbines a location may have.</summary>
    public const int MaxTurbinesPerLocation = 100;

    /// <summary>Highest "stop after" limit (a trillion readings: over three months at the highest rate).</summary>
    public const long MaxStopAfter = 1_000_000_000_000;

    /// <summary>
    /// Rates above this many readings per second ask for confirmation before a run starts: they load the stream, the
    /// pipeline and the machine heavily.
    /// </summary>
    public const double ConfirmAbovePerSecond = 1_000;

    /// <summary>Why <paramref name="rate"/> is refused when a site allows at most <paramref name="maxRate"/>; null when it is allowed.</summary>
    public static string? RateError(double rate, double maxRate) =>
        double.IsNaN(rate) || rate < MinRatePerSecond || rate > maxRate
            ? $"{Rate} must be {Show(MinRatePerSecond)} to {Show(maxRate)} on this site; {Show(rate)} is outside that range."
            : null;

    /// <summary>Why <paramref name="locations"/> is refused; null when it is allowed.</summary>
    public static string? LocationsError(int locations) => WholeError(Locations, 1, WindDatasetGenerator.MaxLocations, locations);

    /// <summary>Why <paramref name="turbines"/> per location is refused; null when it is allowed.</summary>
    public static string? TurbinesError(int turbines) => WholeError(Turbines, 1, MaxTurbinesPerLocation, turbines);

    /// <summary>Why a "stop after" limit is refused; null when it is allowed (null, no limit, is allowed).</summary>
    public static string? StopAfterError(long? stopAfter) => stopAfter is { } value ? WholeError(StopAfter, 1, MaxStopAfter, value) : null;

    /// <summary>
    /// The first problem of <paramref name="settings"/> on a site that allows at most <paramref name="maxRate"/>
    /// readings per second, or null when they can run: the stream name, then each field as the page orders them.
    /// </summary>
    public static string? Error(SimulationSettings settings, double maxRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Streams.KinesisRules.StreamNameError(settings.StreamName)
            ?? RateError(settings.ReadingsPerSecond, maxRate)
            ?? LocationsError(settings.Dataset.Locations)
            ?? TurbinesError(settings.Dataset.TurbinesPerLocation)
            ?? StopAfterError(settings.StopAfter);
    }

    /// <summary>Reads a typed rate; the message says why it is refused, or is null with the rate in <paramref name="rate"/>.</summary>
    public static string? ParseRate(string? text, double maxRate, out double rate)
    {
        rate = double.NaN;
        var readable = GroupsWellFormed(text) && double.TryParse(text?.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out rate);
        if (!readable || !double.IsFinite(rate))
            return Unreadable(Rate, text, $"a number from {Show(MinRatePerSecond)} to {Show(maxRate)}");
        return RateError(rate, maxRate);
    }

    /// <summary>Reads a typed number of locations.</summary>
    public static string? ParseLocations(string? text, out int locations) => ParseWhole(text, Locations, WindDatasetGenerator.MaxLocations, out locations);

    /// <summary>Reads a typed number of turbines per location.</summary>
    public static string? ParseTurbines(string? text, out int turbines) => ParseWhole(text, Turbines, MaxTurbinesPerLocation, out turbines);

    /// <summary>Reads a typed "stop after" limit; empty means no limit (null).</summary>
    public static string? ParseStopAfter(string? text, out long? stopAfter)
    {
        stopAfter = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var error = ParseWhole(text, StopAfter, MaxStopAfter, out var value);
        stopAfter = value;
        return error;
    }

    /// <summary>
    /// Reads a whole number from 1 to <paramref name="max"/>; <paramref name="value"/> is meaningful only when the
    /// message is null. A number out of range gets the same message as the server gives it.
    /// </summary>
    private static string? ParseWhole<T>(string? text, string field, T max, out T value)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        value = T.Zero;
        if (!GroupsWellFormed(text) || !decimal.TryParse(text?.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) || number != decimal.Truncate(number))
        {
            var expected = $"a whole number from 1 to {Show(decimal.CreateChecked(max))}" + (field == StopAfter ? ", or empty to run until stopped" : "");
            return Unreadable(field, text, expected);
        }
        if (number < 1 || number > decimal.CreateChecked(max))
            return RangeError(field, 1, decimal.CreateChecked(max), number);
        value = T.CreateChecked(number);
        return null;
    }

    /// <summary>
    /// Whether thousands separators, if any, group whole digits by three ("1,000,000"): "1,5" is refused rather than
    /// read as 15, since it may mean one and a half.
    /// </summary>
    private static bool GroupsWellFormed(string? text) =>
        text is null || !text.Contains(',', StringComparison.Ordinal) || s_grouped.IsMatch(text.Trim());

    private static readonly System.Text.RegularExpressions.Regex s_grouped = new(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string? WholeError(string field, long min, long max, long value) => value < min || value > max ? RangeError(field, min, max, value) : null;

    private static string RangeError(string field, decimal min, decimal max, decimal value) =>
        $"{field} must be {Show(min)} to {Show(max)}{(field == StopAfter ? ", or empty to run until stopped" : "")}; {Show(value)} is outside that range.";

    private static string Unreadable(string field, string? text, string expected) =>
        string.IsNullOrWhiteSpace(text)
            ? $"{field} must be {expected}; it is empty."
            : $"{field} must be {expected}; \"{text.Trim()}\" is not.";

    private static string Show(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Show(decimal value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Cli.Commands;

/// <summary>
/// <c>faults</c>: simulates each scripted fault kind (stuck sensor, drifting sensor, gust front), scores the readings
/// with the pipeline's anomaly job at its default settings and judges them by the alert rule
/// (<see cref="FaultDetectionReport"/>), then prints per kind whether the fault was found, how soon (readings and
/// seconds after it began) and the false positives outside it. Offline and deterministic: the same options print the
/// same table.
/// </summary>
public sealed class FaultsCommand : Command
{
    /// <summary>The report's defaults, which the options fall back to (and show in help).</summary>
    private static readonly FaultReportOptions s_defaults = new();

    /// <summary>Seed of the simulated wind.</summary>
    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of the simulated wind; the same seed prints the same report.",
        HelpName = "X",
        DefaultValueFactory = _ => s_defaults.Seed,
    };

    /// <summary>Farms simulated.</summary>
    private readonly Option<int> _locations = new("--locations")
    {
        Description = "Farms simulated; the fault is at the first, the others count toward the false positives.",
        HelpName = "L",
        DefaultValueFactory = _ => s_defaults.Locations,
    };

    /// <summary>Turbines per farm.</summary>
    private readonly Option<int> _turbines = new("--turbines")
    {
        Description = "Turbines per farm (2 to 100); a sensor fault is at the second.",
        HelpName = "T",
        DefaultValueFactory = _ => s_defaults.TurbinesPerLocation,
    };

    /// <summary>Event time simulated, in seconds.</summary>
    private readonly Option<int> _length = new("--length")
    {
        Description = "Seconds of wind simulated, one reading per turbine a second (at most a day).",
        HelpName = "S",
        DefaultValueFactory = _ => (int)s_defaults.Length.TotalSeconds,
    };

    /// <summary>When the fault begins.</summary>
    private readonly Option<int> _start = new("--fault-start")
    {
        Description = "Seconds after the first reading at which the fault begins.",
        HelpName = "S",
        DefaultValueFactory = _ => (int)s_defaults.FaultStart.TotalSeconds,
    };

    /// <summary>How long the fault lasts.</summary>
    private readonly Option<int> _duration = new("--duration")
    {
        Description = "Seconds the fault lasts (a gust front: at each turbine).",
        HelpName = "S",
        DefaultValueFactory = _ => (int)s_defaults.FaultDuration.TotalSeconds,
    };

    /// <summary>The drifting sensor's drift.</summary>
    private readonly Option<double> _drift = new("--drift")
    {
        Description = "The drifting sensor's drift, mph per minute (negative: downwards).",
        HelpName = "MPH",
        DefaultValueFactory = _ => s_defaults.DriftMphPerMinute,
    };

    /// <summary>The gust front's gust.</summary>
    private readonly Option<double> _gust = new("--gust")
    {
        Description = "The gust front's gust, mph above the wind when it reaches a turbine.",
        HelpName = "MPH",
        DefaultValueFactory = _ => s_defaults.GustMph,
    };

    /// <summary>The gust front's delay per turbine.</summary>
    private readonly Option<double> _delay = new("--delay")
    {
        Description = "Seconds the gust front takes from one turbine to the next.",
        HelpName = "S",
        DefaultValueFactory = _ => s_defaults.DelayPerTurbine.TotalSeconds,
    };

    /// <summary>Creates the command with its options and action.</summary>
    public FaultsCommand()
        : base("faults", "Simulate each scripted fault kind and report whether the detector, at its default settings, finds it and how soon.")
    {
        Options.Add(_seed);
        Options.Add(_locations);
        Options.Add(_turbines);
        Options.Add(_length);
        Options.Add(_start);
        Options.Add(_duration);
        Options.Add(_drift);
        Options.Add(_gust);
        Options.Add(_delay);
        SetAction(RunAsync);
    }

    /// <summary>Prints the report; returns one of <see cref="ExitCodes"/>.</summary>
    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var delay = parsed.GetValue(_delay);
        var drift = parsed.GetValue(_drift);
        var length = parsed.GetValue(_length);
        var problem =
            OutOfRange(_locations, parsed.GetValue(_locations), 1, WindDatasetGenerator.MaxLocations)
            ?? OutOfRange(_turbines, parsed.GetValue(_turbines), 2, SimulationFields.MaxTurbinesPerLocation)
            ?? OutOfRange(_length, length, 1, FaultFields.MaxDurationSeconds)
            ?? OutOfRange(_start, parsed.GetValue(_start), 0, length)
            ?? OutOfRange(_duration, parsed.GetValue(_duration), 1, FaultFields.MaxDurationSeconds)
            ?? (FaultFields.DriftError(drift) is null ? null
                : Invariant($"{_drift.Name} must be {FaultFields.MinDriftMphPerMinute} to {FaultFields.MaxDriftMphPerMinute} mph per minute either way; {drift} is outside that range."))
            ?? OutOfRange(_gust, parsed.GetValue(_gust), FaultFields.MinGustMph, FaultFields.MaxGustMph)
            ?? OutOfRange(_delay, delay, 0, FaultFields.MaxDelaySeconds);
        if (problem is not null)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"faults: {problem}");
            return ExitCodes.Usage;
        }
        var options = s_defaults with
        {
            Seed = parsed.GetValue(_seed),
            Locations = parsed.GetValue(_locations),
            TurbinesPerLocation = parsed.GetValue(_turbines),
            Length = TimeSpan.FromSeconds(parsed.GetValue(_length)),
            FaultStart = TimeSpan.FromSeconds(parsed.GetValue(_start)),
            FaultDuration = TimeSpan.FromSeconds(parsed.GetValue(_duration)),
            DriftMphPerMinute = parsed.GetValue(_drift),
            GustMph = parsed.GetValue(_gust),
            DelayPerTurbine = TimeSpan.FromSeconds(delay),
        };
        if (options.Error() is { } error)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"faults: {error}");
            return ExitCodes.Usage;
        }

        var rows = await Task.Run(() => FaultDetectionReport.Run(options, cancellationToken), cancellationToken);
        await parsed.InvocationConfiguration.Output.WriteAsync(Format(options, rows));
        return ExitCodes.Success;
    }

    /// <summary>The report as printed: what was simulated and judged how, then one line per fault kind.</summary>
    public static string Format(FaultReportOptions options, IReadOnlyList<FaultDetection> rows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rows);
        var d = options.Detector;
        var a = options.Alerts;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Normal wind, seed {options.Seed}: {options.Locations} farms x {options.TurbinesPerLocation} turbines, one reading per turbine a second for {options.Length.TotalSeconds:0} s."));
        text.AppendLine(Invariant($"Each fault at {rows.FirstOrDefault()?.Fault.Location ?? "the first farm"} from {options.FaultStart.TotalSeconds:0} s for {options.FaultDuration.TotalSeconds:0} s; drift {options.DriftMphPerMinute:0.###} mph/min; gust +{options.GustMph:0.###} mph, {options.DelayPerTurbine.TotalSeconds:0.###} s per turbine."));
        text.AppendLine(Invariant($"Detector: the anomaly job, one forest per {d.KeyBy.ToString().ToLowerInvariant()} ({d.NumberOfTrees} trees, sample {d.SampleSize}, shingle {d.ShingleSize}, scores after {d.OutputAfter} readings, seed {d.Seed})."));
        text.AppendLine(Invariant($"Anomaly: {(a.Criterion == Pipeline.Alerts.AlertCriterion.Grade ? "grade > 0" : $"score >= {a.Threshold:0.###}")}; alert: an anomaly at {a.MinSpeedMph:0.###} mph or more."));
        text.AppendLine();
        string[] header = ["fault", "where", "readings", "found", "first anomaly", "anomalies", "first alert", "alerts", "false anomalies", "false alerts"];
        var table = new List<string[]> { header };
        foreach (var row in rows)
        {
            var where = row.Fault.Turbine is { } turbine ? $"{row.Fault.Location} {turbine}" : $"{row.Fault.Location}, {row.Injected.Count} turbines";
            table.Add(
            [
                FaultFields.KindName(row.Fault.Kind), where, Count(row.FaultReadings), row.Found ? "yes" : "no", Soon(row.FirstAnomaly), Count(row.Anomalies),
                Soon(row.FirstAlert), Count(row.Alerts), $"{Count(row.FalseAnomalies)} of {Count(row.OtherReadings)}", Count(row.FalseAlerts),
            ]);
        }
        var widths = header.Select((_, i) => table.Max(r => r[i].Length)).ToArray();
        foreach (var line in table)
            text.AppendLine(string.Join("  ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        text.AppendLine();
        text.AppendLine("readings: the fault's changed readings; first anomaly/alert: which of them, and seconds after the fault began;");
        text.AppendLine("false: anomalies and alerts among the scored readings the fault did not change, all farms.");
        return text.ToString();
    }

    /// <summary>Why <paramref name="value"/> of <paramref name="option"/> is refused, naming the option and the range; null when it is allowed.</summary>
    private static string? OutOfRange(Option option, double value, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? null : Invariant($"{option.Name} must be {min:#,0.###} to {max:#,0.###}; {value} is outside that range.");

    /// <summary>"reading 11, 10 s", or "-" when nothing was flagged.</summary>
    private static string Soon(Detection? detection) =>
        detection is null ? "-" : Invariant($"reading {detection.Reading:N0}, {detection.After.TotalSeconds:0.#} s");

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// The lab's Wind Turbine Data Simulator page: a stream name and, per dataset, a rate, a shape and an optional limit,
/// a daily wind profile and scripted faults (<see cref="FaultFields"/>), with Start and Stop; a run shows what it
/// injected where. Fields are kept as typed and checked with <see cref="SimulationFields"/> (the simulator's own
/// ranges): a value out of range or unreadable is refused with a message naming the field and the range, and Start
/// stays disabled until every field is valid; nothing is clamped or changed.
/// </summary>
public sealed partial class Simulator : IDisposable
{
    /// <summary>Shortest time between two renders for the counters: a few a second are enough for people.</summary>
    private static readonly TimeSpan s_renderInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<WindDataset, DatasetForm> _forms = Enum.GetValues<WindDataset>().ToDictionary(d => d, _ => new DatasetForm());
    private string _streamName = "";
    private RenderThrottle? _renderThrottle;
    private volatile bool _disposed;

    /// <summary>Whether Start and Stop show as available; the server checks the Operate policy on every click regardless.</summary>
    private bool _canOperate;

    [Inject] private WindSimulator Runs { get; set; } = null!;
    [Inject] private IOptions<PipelineOptions> PipelineSettings { get; set; } = null!;
    [Inject] private ActionGuard Guard { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private TrainingRecords Training { get; set; } = null!;

    private string? _spikeLocation = WindDatasetGenerator.LocationNames[0];
    private string? _spikeTurbine = "CHI-01";

    /// <summary>What the last training helper did, or why it was refused or failed.</summary>
    private string? _trainingResult;
    private string? _trainingError;

    /// <summary>Readings a location sends before its scores are more than 0 (the forest's warm-up).</summary>
    private int WarmUpReadings => PipelineSettings.Value.AnomalyDetection.OutputAfter;

    private string? SpikeLocationError => SiteNames.Problem(_spikeLocation?.Trim()) is { } problem ? $"Location {problem}." : null;

    private string? SpikeTurbineError => SiteNames.Problem(_spikeTurbine?.Trim()) is { } problem ? $"Turbine {problem}." : null;

    /// <summary>One dataset's fields as typed, and what the page says about them.</summary>
    private sealed class DatasetForm
    {
        /// <summary>Readings per second, as typed.</summary>
        public string? Rate { get; set; } = "20";

        /// <summary>Locations, as typed.</summary>
        public string? Locations { get; set; } = "5";

        /// <summary>Turbines per location, as typed.</summary>
        public string? Turbines { get; set; } = "4";

        /// <summary>Stop after N readings, as typed; empty runs until stopped.</summary>
        public string? StopAfter { get; set; } = "";

        /// <summary>The daily profile's amplitude, as typed; 0 is off.</summary>
        public string? Amplitude { get; set; } = "0";

        /// <summary>The daily profile's windiest hour (UTC), as typed.</summary>
        public string? PeakHour { get; set; } = "15";

        /// <summary>The scripted faults, in the order they were added.</summary>
        public List<FaultForm> Faults { get; } = [];

        /// <summary>Why the last Start or Stop was refused or failed.</summary>
        public string? Error { get; set; }

        /// <summary>The rate of a Start waiting for the user's confirmation (above <see cref="SimulationFields.ConfirmAbovePerSecond"/>).</summary>
        public double? ConfirmRate { get; set; }
    }

    /// <summary>One scripted fault's fields as typed or chosen.</summary>
    private sealed class FaultForm
    {
        /// <summary>What goes wrong.</summary>
        public FaultKind Kind { get; set; } = FaultKind.GustFront;

        /// <summary>The location chosen.</summary>
        public string? Location { get; set; }

        /// <summary>The turbine chosen (sensor faults).</summary>
        public string? Turbine { get; set; }

        /// <summary>Seconds after the first reading, as typed.</summary>
        public string? Start { get; set; } = "60";

        /// <summary>Seconds it lasts, as typed.</summary>
        public string? Duration { get; set; } = "120";

        /// <summary>A drifting sensor's drift, as typed.</summary>
        public string? Drift { get; set; } = ScriptedFault.DefaultDriftMphPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A gust front's gust, as typed.</summary>
        public string? Gust { get; set; } = ScriptedFault.DefaultGustMph.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A gust front's delay per turbine, as typed.</summary>
        public string? Delay { get; set; } = ScriptedFault.DefaultDelayPerTurbine.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? AmplitudeError(DatasetForm form) => FaultFields.ParseNumber(form.Amplitude, FaultFields.Amplitude, 0, DailyWindProfile.MaxAmplitudeMph, out _);

    private static string? PeakHourError(DatasetForm form) =>
        FaultFields.ParseNumber(form.PeakHour, FaultFields.PeakHour, 0, 24, out var hour) ?? FaultFields.ProfileError(new DailyWindProfile { PeakHourUtc = hour });

    private static string? StartError(FaultForm fault) => FaultFields.ParseNumber(fault.Start, FaultFields.Start, 0, FaultFields.MaxStartSeconds, out _);

    private static string? DurationError(FaultForm fault) => FaultFields.ParseNumber(fault.Duration, FaultFields.Duration, 1, FaultFields.MaxDurationSeconds, out _);

    private static string? DriftError(FaultForm fault) =>
        FaultFields.ParseNumber(fault.Drift, FaultFields.Drift, -FaultFields.MaxDriftMphPerMinute, FaultFields.MaxDriftMphPerMinute, out var drift) ?? FaultFields.DriftError(drift);

    private static string? GustError(FaultForm fault) => FaultFields.ParseNumber(fault.Gust, FaultFields.Gust, FaultFields.MinGustMph, FaultFields.MaxGustMph, out _);

    private static string? DelayError(FaultForm fault) => FaultFields.ParseNumber(fault.Delay, FaultFields.Delay, 0, FaultFields.MaxDelaySeconds, out _);

    /// <summary>The farms and turbines the dataset's fields make, as far as they can be read (none while they cannot).</summary>
    private static IReadOnlyList<WindFarm> FarmsOf(WindDataset dataset, DatasetForm form)
    {
        var locations = 1;
        if ((dataset != WindDataset.Diy && LocationsError(form) is not null) || TurbinesError(form) is not null)
            return [];
        if (dataset != WindDataset.Diy)
            SimulationFields.ParseLocations(form.Locations, out locations);
        SimulationFields.ParseTurbines(form.Turbines, out var turbines);
        return WindDatasetGenerator.FarmsOf(dataset, locations, turbines);
    }

    /// <summary>The fault of a row, or why it cannot be: the first field that cannot be read, then the simulator's own check (<see cref="FaultFields"/>).</summary>
    private static ScriptedFault? FaultOf(WindDataset dataset, DatasetForm form, int index, out string? error)
    {
        var fault = form.Faults[index];
        var prefix = $"Fault {index + 1} ({FaultFields.KindName(fault.Kind)}): ";
        FaultFields.ParseNumber(fault.Start, FaultFields.Start, 0, FaultFields.MaxStartSeconds, out var start);
        FaultFields.ParseNumber(fault.Duration, FaultFields.Duration, 1, FaultFields.MaxDurationSeconds, out var duration);
        FaultFields.ParseNumber(fault.Drift, FaultFields.Drift, -FaultFields.MaxDriftMphPerMinute, FaultFields.MaxDriftMphPerMinute, out var drift);
        FaultFields.ParseNumber(fault.Gust, FaultFields.Gust, FaultFields.MinGustMph, FaultFields.MaxGustMph, out var gust);
        FaultFields.ParseNumber(fault.Delay, FaultFields.Delay, 0, FaultFields.MaxDelaySeconds, out var delay);
        var unread = StartError(fault) ?? DurationError(fault)
            ?? (fault.Kind == FaultKind.DriftingSensor ? DriftError(fault) : null)
            ?? (fault.Kind == FaultKind.GustFront ? GustError(fault) ?? DelayError(fault) : null);
        if (unread is not null)
        {
            error = prefix + unread;
            return null;
        }
        var scripted = new ScriptedFault
        {
            Kind = fault.Kind,
            Location = fault.Location ?? "",
            Turbine = fault.Kind == FaultKind.GustFront ? null : fault.Turbine,
            Start = TimeSpan.FromSeconds(start),
            Duration = TimeSpan.FromSeconds(duration),
            DriftMphPerMinute = fault.Kind == FaultKind.DriftingSensor ? drift : null,
            GustMph = fault.Kind == FaultKind.GustFront ? gust : null,
            DelayPerTurbine = fault.Kind == FaultKind.GustFront ? TimeSpan.FromSeconds(delay) : null,
        };
        error = FaultFields.FaultError(scripted, index + 1, FarmsOf(dataset, form));
        return error is null ? scripted : null;
    }

    /// <summary>Why a row's fault cannot run, or null; nothing while the dataset's shape cannot be read (its own fields say why).</summary>
    private static string? FaultRowError(WindDataset dataset, DatasetForm form, int index)
    {
        if (FarmsOf(dataset, form).Count == 0)
            return null;
        FaultOf(dataset, form, index, out var error);
        return error;
    }

    /// <summary>Adds a fault row, at the dataset's first location (and its first turbine).</summary>
    private void AddFault(WindDataset dataset)
    {
        var form = _forms[dataset];
        var farm = FarmsOf(dataset, form).FirstOrDefault();
        form.Faults.Add(new FaultForm { Location = farm?.Location, Turbine = farm?.Turbines.FirstOrDefault() });
    }

    /// <summary>Chooses a fault's location, and the location's first turbine: the one chosen before belongs to another location.</summary>
    private static void ChooseLocation(IReadOnlyList<WindFarm> farms, FaultForm fault, string location)
    {
        fault.Location = location;
        fault.Turbine = farms.FirstOrDefault(f => f.Location == location)?.Turbines.FirstOrDefault();
    }

    /// <summary>Phones show a keypad with a decimal point for the rate.</summary>
    private static InputMode DecimalInput => InputMode.@decimal;

    private string NeedsRole => _canOperate ? "" : "needs-role";

    private string? RoleHint => _canOperate ? null : $"Needs the {AccessRoles.Operator} role";

    /// <summary>The stream the pipeline reads readings from.</summary>
    private string PipelineInput => PipelineSettings.Value.Streams.WindData;

    private string? StreamNameError => KinesisRules.StreamNameError(_streamName?.Trim());

    /// <summary>Whether the stream typed is one the pipeline does not read.</summary>
    private bool StreamNotRead => !string.Equals(_streamName?.Trim(), PipelineInput, StringComparison.Ordinal);

    private string? RateError(DatasetForm form) => SimulationFields.ParseRate(form.Rate, Runs.Limits.MaxRatePerSecond, out _);

    private static string? LocationsError(DatasetForm form) => SimulationFields.ParseLocations(form.Locations, out _);

    private static string? TurbinesError(DatasetForm form) => SimulationFields.ParseTurbines(form.Turbines, out _);

    private static string? StopAfterError(DatasetForm form) => SimulationFields.ParseStopAfter(form.StopAfter, out _);

    /// <summary>The first problem of a dataset's fields and the stream name, or null when Start may be pressed.</summary>
    private string? FirstError(WindDataset dataset, DatasetForm form) =>
        StreamNameError
        ?? RateError(form)
        ?? (dataset == WindDataset.Diy ? null : LocationsError(form))
        ?? TurbinesError(form)
        ?? StopAfterError(form)
        ?? AmplitudeError(form)
        ?? PeakHourError(form)
        ?? Enumerable.Range(0, form.Faults.Count).Select(i => FaultRowError(dataset, form, i)).FirstOrDefault(e => e is not null);

    /// <summary>The rate a Start waits to have confirmed, while the fields still say it; null otherwise.</summary>
    private double? PendingConfirmation(WindDataset dataset)
    {
        var form = _forms[dataset];
        return form.ConfirmRate is { } rate && IsValid(dataset) && SimulationFields.ParseRate(form.Rate, Runs.Limits.MaxRatePerSecond, out var typed) is null && typed == rate
            ? rate
            : null;
    }

    private bool IsValid(WindDataset dataset) => FirstError(dataset, _forms[dataset]) is null;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _streamName = Runs.Limits.Allows(PipelineInput) ? PipelineInput : Runs.Limits.AllowedStreams[0];
        _renderThrottle = new RenderThrottle(s_renderInterval, Clock, () => _disposed ? Task.CompletedTask : InvokeAsync(StateHasChanged));
        Runs.Changed += OnSimulatorChanged;
        _canOperate = await Guard.AllowsAsync(AccessPolicies.Operate);
    }

    private async Task StartAsync(WindDataset dataset, bool confirmed)
    {
        var form = _forms[dataset];
        form.Error = null;
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "start a dataset");
        if (check.Refusal is not null)
        {
            form.ConfirmRate = null;
            form.Error = check.Refusal;
            return;
        }
        // Start is disabled while a field is invalid; the check is repeated here (and again by the simulator).
        if (FirstError(dataset, form) is { } invalid)
        {
            form.ConfirmRate = null;
            form.Error = invalid;
            return;
        }
        SimulationFields.ParseRate(form.Rate, Runs.Limits.MaxRatePerSecond, out var rate);
        SimulationFields.ParseTurbines(form.Turbines, out var turbines);
        SimulationFields.ParseStopAfter(form.StopAfter, out var stopAfter);
        var locations = 1;
        if (dataset != WindDataset.Diy)
            SimulationFields.ParseLocations(form.Locations, out locations);
        FaultFields.ParseNumber(form.Amplitude, FaultFields.Amplitude, 0, DailyWindProfile.MaxAmplitudeMph, out var amplitude);
        FaultFields.ParseNumber(form.PeakHour, FaultFields.PeakHour, 0, 24, out var peakHour);
        if (rate > SimulationFields.ConfirmAbovePerSecond && !(confirmed && form.ConfirmRate == rate))
        {
            form.ConfirmRate = rate;
            return;
        }
        form.ConfirmRate = null;
        var settings = new SimulationSettings
        {
            StreamName = _streamName.Trim(),
            ReadingsPerSecond = rate,
            StopAfter = stopAfter,
            Dataset = new DatasetOptions
            {
                Locations = locations,
                TurbinesPerLocation = turbines,
                DailyProfile = new DailyWindProfile { AmplitudeMph = amplitude, PeakHourUtc = peakHour },
                Faults = Enumerable.Range(0, form.Faults.Count).Select(i => FaultOf(dataset, form, i, out _)!).ToList(),
            },
        };
        try
        {
            await Runs.StartAsync(dataset, settings);
            await Guard.AuditAsync(check, AuditActions.DatasetStarted, AuditDetails.DatasetStarted(dataset, settings));
        }
        catch (ArgumentException e)
        {
            form.Error = e.MessageWithoutParameter();
        }
        catch (InvalidOperationException e)
        {
            form.Error = e.Message;
        }
        catch (Exception e)
        {
            form.Error = $"Could not start: {e.Message}";
        }
    }

    private async Task StopAsync(WindDataset dataset)
    {
        var form = _forms[dataset];
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "stop a dataset");
        if (check.Refusal is not null)
        {
            form.Error = check.Refusal;
            return;
        }
        form.Error = null;
        await Runs.StopAsync(dataset);
        await Guard.AuditAsync(check, AuditActions.DatasetStopped, dataset.DisplayName());
    }

    /// <summary>Puts one spike reading for the chosen turbine into the pipeline's input stream (Operate, audited).</summary>
    private async Task InjectSpikeAsync()
    {
        _trainingResult = _trainingError = null;
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "inject a spike");
        if (check.Refusal is not null)
        {
            _trainingError = check.Refusal;
            return;
        }
        var location = _spikeLocation?.Trim();
        var turbine = _spikeTurbine?.Trim();
        if (TrainingRecords.Error(location, turbine) is { } invalid)
        {
            _trainingError = invalid;
            return;
        }
        try
        {
            var sent = await Training.InjectSpikeAsync(location!, turbine!);
            await Guard.AuditAsync(check, AuditActions.SpikeInjected, $"{sent.Reading.SpeedMph:0} mph at {location}, {turbine}, into {Training.StreamName}");
            _trainingResult = $"Sent {sent.Reading.SpeedMph:0} mph for {turbine} at {location} at {sent.Reading.Timestamp:HH:mm:ss} UTC "
                + $"(shard {sent.ShardId}, sequence number {sent.SequenceNumber}).";
        }
        catch (Exception e) when (e is StreamException or ArgumentException)
        {
            _trainingError = $"Could not send the spike: {e.Message}";
        }
    }

    /// <summary>Puts one unreadable record into the pipeline's input stream (Operate, audited).</summary>
    private async Task SendMalformedAsync()
    {
        _trainingResult = _trainingError = null;
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "send a malformed record");
        if (check.Refusal is not null)
        {
            _trainingError = check.Refusal;
            return;
        }
        try
        {
            var sequenceNumber = await Training.SendMalformedAsync();
            await Guard.AuditAsync(check, AuditActions.MalformedSent, $"into {Training.StreamName}");
            _trainingResult = $"Sent one malformed record (sequence number {sequenceNumber}); the pipeline's consumers put it under Dead letters.";
        }
        catch (StreamException e)
        {
            _trainingError = $"Could not send the record: {e.Message}";
        }
    }

    /// <summary>
    /// Batches arrive many times a second at high rates and every few seconds at low ones: every change is shown within
    /// <see cref="s_renderInterval"/>, with at most one render per interval.
    /// </summary>
    private void OnSimulatorChanged(WindDataset dataset) => _renderThrottle?.Request();

    private static Color StatusColor(RunStatus status) => status switch
    {
        RunStatus.Running => Color.Success,
        RunStatus.Completed => Color.Info,
        RunStatus.Failed => Color.Error,
        RunStatus.Interrupted => Color.Warning,
        _ => Color.Default,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Runs.Changed -= OnSimulatorChanged;
    }
}

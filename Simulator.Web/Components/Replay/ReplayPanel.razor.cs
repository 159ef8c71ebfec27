using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Replay;

/// <summary>
/// The Simulator page's replay of recorded data: load a CSV (or the example), map its columns with a preview of the
/// first lines, import it whole (or see every bad line and nothing imported), then replay it into the pipeline's input
/// stream with progress, pause and stop. Importing and replaying need the Operate policy, checked on the server.
/// </summary>
public sealed partial class ReplayPanel : IDisposable
{
    /// <summary>Largest file accepted, in bytes.</summary>
    public const long MaxFileBytes = 50 * 1024 * 1024;

    /// <summary>The example: a real sensor series of the Numenta Anomaly Benchmark (MIT licence, beside it).</summary>
    public static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "Samples", "nab", "ambient_temperature_system_failure.csv");

    /// <summary>The select's value for "no column: one name for the whole file".</summary>
    private const string NoColumn = "";

    private string? _fileName;
    private string? _text;
    private IReadOnlyList<string>? _header;
    private IReadOnlyList<IReadOnlyList<string>> _preview = [];
    private ColumnMapping? _mapping;
    private string? _loadError;
    private IReadOnlyList<LineError> _importErrors = [];
    private int _badLines;
    private Recording? _recording;
    private ReplayRun? _run;
    private ReplayPace _pace = ReplayPace.Faster;
    private string _speedup = "10";
    private bool _shiftToNow = true;
    private string? _error;
    private bool _canOperate;
    private DateTime _lastRender;

    [Inject] private Replayer Replayer { get; set; } = null!;

    [Inject] private ActionGuard Guard { get; set; } = null!;

    [Inject] private IOptions<PipelineOptions> Pipeline { get; set; } = null!;

    private string NeedsRole => _canOperate ? "" : "needs-role";

    private string? RoleHint => _canOperate ? null : $"Needs the {AccessRoles.Operator} role";

    private string Time
    {
        get => _mapping!.TimeColumn;
        set => Remap(_mapping! with { TimeColumn = value });
    }

    private string Speed
    {
        get => _mapping!.SpeedColumn;
        set => Remap(_mapping! with { SpeedColumn = value });
    }

    private string Turbine
    {
        get => _mapping!.TurbineColumn ?? NoColumn;
        set => Remap(_mapping! with { TurbineColumn = value == NoColumn ? null : value, FixedTurbine = _mapping.FixedTurbine ?? "Recorded-01" });
    }

    private string Location
    {
        get => _mapping!.LocationColumn ?? NoColumn;
        set => Remap(_mapping! with { LocationColumn = value == NoColumn ? null : value, FixedLocation = _mapping.FixedLocation ?? "Recorded" });
    }

    private string? FixedTurbine
    {
        get => _mapping!.FixedTurbine;
        set => Remap(_mapping! with { FixedTurbine = value?.Trim() });
    }

    private string? FixedLocation
    {
        get => _mapping!.FixedLocation;
        set => Remap(_mapping! with { FixedLocation = value?.Trim() });
    }

    protected override async Task OnInitializedAsync()
    {
        _canOperate = await Guard.AllowsAsync(AccessPolicies.Operate);
        Replayer.Changed += OnReplayerChanged;
    }

    private async Task LoadFileAsync(InputFileChangeEventArgs e)
    {
        if (e.File.Size > MaxFileBytes)
        {
            Unload($"{e.File.Name} is {e.File.Size / (1024 * 1024):N0} MB; at most {MaxFileBytes / (1024 * 1024)} MB can be imported. Split it.");
            return;
        }
        await using var stream = e.File.OpenReadStream(MaxFileBytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Load(e.File.Name, await reader.ReadToEndAsync());
    }

    private async Task LoadExampleAsync()
    {
        Load(Path.GetFileName(ExamplePath), await File.ReadAllTextAsync(ExamplePath));
        Remap(_mapping! with { FixedLocation = "NAB ambient", FixedTurbine = "NAB-01" });
    }

    private void Load(string name, string text)
    {
        Unload(null);
        try
        {
            var (header, rows) = RecordingReader.Preview(new StringReader(text));
            (_fileName, _text, _header, _preview, _mapping) = (name, text, header, rows, ColumnMapping.Guess(header));
        }
        catch (FormatException e)
        {
            _loadError = $"{name}: {e.Message}";
        }
    }

    private void Unload(string? error)
    {
        (_fileName, _text, _header, _preview, _mapping, _importErrors, _badLines) = (null, null, null, [], null, [], 0);
        _loadError = error;
    }

    private void Remap(ColumnMapping mapping) => _mapping = mapping;

    private async Task ImportAsync()
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "import a recording");
        if (check.Refusal is not null)
        {
            _error = check.Refusal;
            return;
        }
        _error = null;
        var (recording, errors, bad) = Replayer.Import(_fileName!, new StringReader(_text!), _mapping!);
        (_importErrors, _badLines) = (errors, bad);
        if (recording is null)
            return;
        _recording = recording;
        _run = null;
        await Guard.AuditAsync(check, AuditActions.RecordingImported, AuditDetails.RecordingImported(recording));
    }

    private async Task StartAsync()
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "start a replay");
        if (check.Refusal is not null)
        {
            _error = check.Refusal;
            return;
        }
        if (!double.TryParse(_speedup, NumberStyles.Float, CultureInfo.InvariantCulture, out var speedup) && _pace == ReplayPace.Faster)
        {
            _error = $"Times faster must be a number more than 1 and at most {ReplaySettings.MaxSpeedup:N0}; '{_speedup}' is not a number.";
            return;
        }
        var settings = new ReplaySettings { StreamName = Pipeline.Value.Streams.WindData, Pace = _pace, Speedup = speedup, ShiftToNow = _shiftToNow };
        try
        {
            _run = await Replayer.StartAsync(_recording!.Id, settings);
            _error = null;
            await Guard.AuditAsync(check, AuditActions.Replay, AuditDetails.ReplayStarted(_recording, settings));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            _error = e.MessageWithoutParameter();
        }
    }

    private async Task PauseOrResumeAsync()
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "pause or resume a replay");
        if (check.Refusal is not null || _run is null)
        {
            _error = check.Refusal;
            return;
        }
        var resuming = _run.Status == ReplayStatus.Paused;
        if (resuming)
            _run.Resume();
        else
            _run.Pause();
        await Guard.AuditAsync(check, AuditActions.Replay, AuditDetails.ReplayControlled(resuming ? "resumed" : "paused", _run));
    }

    private async Task StopAsync()
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "stop a replay");
        if (check.Refusal is not null || _run is null)
        {
            _error = check.Refusal;
            return;
        }
        await _run.StopAsync();
        await Guard.AuditAsync(check, AuditActions.Replay, AuditDetails.ReplayControlled("stopped", _run));
    }

    private string Field(IReadOnlyList<string> row, string column)
    {
        var index = _header!.ToList().IndexOf(column);
        return index >= 0 && index < row.Count ? row[index] : "";
    }

    private static int Percent(ReplayRun run) => (int)Math.Floor(run.Progress * 100);

    private static Color StatusColor(ReplayStatus status) => status switch
    {
        ReplayStatus.Running => Color.Success,
        ReplayStatus.Completed => Color.Info,
        ReplayStatus.Failed => Color.Error,
        ReplayStatus.Paused => Color.Warning,
        _ => Color.Default,
    };

    private void OnReplayerChanged()
    {
        // Batches come many times a second; a few renders a second are enough, but the last state is always shown.
        var now = DateTime.UtcNow;
        if (_run?.Status == ReplayStatus.Running && now - _lastRender < TimeSpan.FromMilliseconds(250))
            return;
        _lastRender = now;
        _ = InvokeAsync(StateHasChanged);
    }

    public void Dispose() => Replayer.Changed -= OnReplayerChanged;
}

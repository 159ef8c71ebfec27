using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Replay;

/// <summary>
/// Recorded data, imported and replayed: holds the imported recordings (the newest <see cref="MaxRecordings"/>, in
/// memory) and one replay per recording, within the site's simulator limits (allowed streams, whether runs may start).
/// </summary>
public sealed class Replayer(IStreamClient streams, SimulatorOptions? limits = null, TimeProvider? timeProvider = null) : IAsyncDisposable
{
    /// <summary>Most recordings kept.</summary>
    public const int MaxRecordings = 10;

    private readonly List<Recording> _recordings = [];
    private readonly Dictionary<string, ReplayRun> _runs = new(StringComparer.Ordinal);
    private readonly SimulatorOptions _limits = limits ?? new SimulatorOptions();
    private long _nextId;

    /// <summary>Raised when a recording is imported or a replay starts, changes or ends.</summary>
    public event Action? Changed;

    /// <summary>The recordings, newest first.</summary>
    public IReadOnlyList<Recording> Recordings
    {
        get
        {
            lock (_recordings)
                return _recordings.AsEnumerable().Reverse().ToList();
        }
    }

    /// <summary>A recording by id, or null.</summary>
    public Recording? RecordingOf(string id)
    {
        lock (_recordings)
            return _recordings.FirstOrDefault(r => r.Id == id);
    }

    /// <summary>The current or last replay of a recording, or null.</summary>
    public ReplayRun? RunOf(string recordingId)
    {
        lock (_runs)
            return _runs.GetValueOrDefault(recordingId);
    }

    /// <summary>
    /// Reads a recorded CSV whole: returns the new recording, or the lines that cannot be read and no recording (nothing
    /// is kept from a file with a bad line).
    /// </summary>
    public (Recording? Recording, IReadOnlyList<LineError> Errors, int BadLines) Import(string name, TextReader text, ColumnMapping mapping)
    {
        var id = "r" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = RecordingReader.Read(text, mapping, id, string.IsNullOrWhiteSpace(name) ? "recording.csv" : Path.GetFileName(name));
        if (result.Recording is { } recording)
        {
            lock (_recordings)
            {
                _recordings.Add(recording);
                while (_recordings.Count > MaxRecordings && _recordings.FirstOrDefault(r => RunOf(r.Id) is not { Status: ReplayStatus.Running or ReplayStatus.Paused }) is { } oldest)
                    _recordings.Remove(oldest);
            }
            Changed?.Invoke();
        }
        return result;
    }

    /// <summary>
    /// Starts replaying a recording (stopping its previous replay). Throws <see cref="KeyNotFoundException"/> for an unknown
    /// recording, <see cref="ArgumentException"/> for bad settings and <see cref="InvalidOperationException"/> for a replay
    /// the site's limits do not allow.
    /// </summary>
    public async Task<ReplayRun> StartAsync(string recordingId, ReplaySettings settings)
    {
        var recording = RecordingOf(recordingId) ?? throw new KeyNotFoundException($"There is no recording {recordingId}; import it first.");
        if (settings.Error() is { } error)
            throw new ArgumentException(error, nameof(settings));
        if (!_limits.Enabled)
            throw new InvalidOperationException("Runs are turned off on this site.");
        if (!_limits.Allows(settings.StreamName))
            throw new InvalidOperationException($"Stream {settings.StreamName} is not one this site lets runs send to ({string.Join(", ", _limits.AllowedStreams)}).");
        if (RunOf(recordingId) is { } previous)
            await previous.StopAsync();
        var run = new ReplayRun(streams, recording, settings, timeProvider);
        run.Changed += () => Changed?.Invoke();
        lock (_runs)
            _runs[recordingId] = run;
        run.Start();
        Changed?.Invoke();
        return run;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<ReplayRun> runs;
        lock (_runs)
            runs = [.. _runs.Values];
        foreach (var run in runs)
            await run.DisposeAsync();
    }
}

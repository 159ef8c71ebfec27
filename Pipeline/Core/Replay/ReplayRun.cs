using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Replay;

/// <summary>
/// One recording being sent into a stream, at its recorded pace, faster, or as fast as the stream takes it, in batches
/// of at most <see cref="BatchSize"/> (failed entries retried). It can be paused, resumed and stopped, and counts what
/// it sent; an error from the stream stops it with the error.
/// </summary>
public sealed class ReplayRun : IAsyncDisposable
{
    /// <summary>Most readings per put.</summary>
    public const int BatchSize = 500;

    private readonly StreamPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private long _sent;
    private long _failed;
    private volatile bool _paused;

    /// <summary>A replay of <paramref name="recording"/>, not yet started; throws <see cref="ArgumentException"/> for bad settings.</summary>
    public ReplayRun(IStreamClient streams, Recording recording, ReplaySettings settings, TimeProvider? timeProvider = null)
    {
        if (settings.Error() is { } error)
            throw new ArgumentException(error, nameof(settings));
        _publisher = new StreamPublisher(streams, maxAttempts: 5, timeProvider);
        _time = timeProvider ?? TimeProvider.System;
        Recording = recording;
        Settings = settings;
    }

    /// <summary>The recording replayed.</summary>
    public Recording Recording { get; }

    /// <summary>Where and how.</summary>
    public ReplaySettings Settings { get; }

    /// <summary>Where it is.</summary>
    public ReplayStatus Status { get; private set; } = ReplayStatus.Running;

    /// <summary>Why it failed, when <see cref="Status"/> is Failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Readings the stream stored.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Readings the stream refused after all retries.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Readings in the recording.</summary>
    public int Total => Recording.Readings.Count;

    /// <summary>Share of the recording handled (sent or refused), 0 to 1.</summary>
    public double Progress => Total == 0 ? 1 : (double)(Sent + Failed) / Total;

    /// <summary>Raised (on a background thread) after every batch and when the status changes.</summary>
    public event Action? Changed;

    /// <summary>Starts sending in the background.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Pauses a running replay after the batch in flight.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (Status != ReplayStatus.Running)
                return;
            _paused = true;
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            SetStatus(ReplayStatus.Paused, null);
        }
    }

    /// <summary>Resumes a paused replay where it was.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            if (Status != ReplayStatus.Paused)
                return;
            _paused = false;
            SetStatus(ReplayStatus.Running, null);
            _resumed.TrySetResult();
        }
    }

    /// <summary>Stops sending and waits for the batch in flight.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var readings = Recording.Readings;
        var first = Recording.First;
        var started = _time.GetUtcNow();
        var paused = TimeSpan.Zero;
        var next = 0;
        try
        {
            while (next < readings.Count)
            {
                if (_paused)
                {
                    var pausedAt = _time.GetUtcNow();
                    Task resumed;
                    lock (_gate)
                        resumed = _resumed.Task;
                    await resumed.WaitAsync(cancellationToken);
                    paused += _time.GetUtcNow() - pausedAt;
                }
                // How far into the recording the replay is by now; a backfill is always at its end.
                var elapsed = _time.GetUtcNow() - started - paused;
                var recordedElapsed = Settings.Pace switch
                {
                    ReplayPace.Backfill => TimeSpan.MaxValue,
                    ReplayPace.Faster => elapsed * Settings.Speedup,
                    _ => elapsed,
                };
                var batch = new List<WindReading>();
                while (next < readings.Count && batch.Count < BatchSize && (recordedElapsed == TimeSpan.MaxValue || readings[next].Timestamp - first <= recordedElapsed))
                {
                    batch.Add(Stamp(readings[next], started + paused));
                    next++;
                }
                if (batch.Count > 0)
                {
                    await SendAsync(batch, cancellationToken);
                    continue;
                }
                // Nothing due yet: wait for the next reading's moment (at most 200 ms, to notice a pause or a stop).
                var wait = (readings[next].Timestamp - first - recordedElapsed) / (Settings.Pace == ReplayPace.Faster ? Settings.Speedup : 1);
                await Task.Delay(wait < TimeSpan.FromMilliseconds(200) ? wait.Duration() : TimeSpan.FromMilliseconds(200), _time, cancellationToken);
            }
            SetStatus(ReplayStatus.Completed, null);
        }
        catch (OperationCanceledException)
        {
            SetStatus(ReplayStatus.Stopped, null);
        }
        catch (ResourceNotFoundException)
        {
            SetStatus(ReplayStatus.Failed, $"Stream {Settings.StreamName} does not exist; the replay stopped.");
        }
        catch (StreamException e)
        {
            SetStatus(ReplayStatus.Failed, $"The stream refused the readings ({e.ErrorCode}): {e.Message}");
        }
    }

    /// <summary>The reading with the time it is sent with (see <see cref="ReplaySettings.ShiftToNow"/>).</summary>
    private WindReading Stamp(WindReading reading, DateTimeOffset start)
    {
        if (!Settings.ShiftToNow)
            return reading;
        var offset = reading.Timestamp - Recording.First;
        return reading with
        {
            Timestamp = Settings.Pace switch
            {
                ReplayPace.Backfill => start - (Recording.Last - reading.Timestamp),
                ReplayPace.Faster => start + (offset / Settings.Speedup),
                _ => start + offset,
            },
        };
    }

    private async Task SendAsync(List<WindReading> batch, CancellationToken cancellationToken)
    {
        var entries = batch.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList();
        var outcome = await _publisher.PutAllAsync(Settings.StreamName, entries, cancellationToken);
        Interlocked.Add(ref _failed, outcome.FailedCount);
        Interlocked.Add(ref _sent, batch.Count - outcome.FailedCount);
        Changed?.Invoke();
    }

    private void SetStatus(ReplayStatus status, string? error)
    {
        Status = status;
        Error = error;
        Changed?.Invoke();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// One dataset being sent into a stream at a steady rate, as the lab's simulator does: readings are generated tick
/// by tick with the clock's time, sent as they come due at the rate (a tick's readings spread over its interval), put
/// in batches (failed entries retried), and counted. It tells the truth: an
/// error from the stream stops it with the error, and a stream that disappears stops it.
/// </summary>
public sealed class DatasetRun : IAsyncDisposable
{
    /// <summary>How many sent records the run remembers for display.</summary>
    public const int RecentCapacity = 20;

    private readonly IStreamClient _streams;
    private readonly StreamPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly LinkedList<SentRecord> _recent = new();
    private readonly object _gate = new();
    private Task _loop = Task.CompletedTask;
    private long _sent;
    private long _failed;
    private long _retried;

    /// <summary>Where the run is saved (<see cref="RunJournal"/>), or null.</summary>
    private readonly Func<DatasetRun, Task>? _journal;

    /// <summary>Set when the app stops (not the user): the run is saved as still running, to be resumed.</summary>
    private volatile bool _shuttingDown;

    /// <summary>
    /// A run not yet started. A run resumed after a restart passes what its earlier part had sent
    /// (<paramref name="resumed"/>): its counts go on from there and it sends only what is left of a
    /// <see cref="SimulationSettings.StopAfter"/> limit. <paramref name="journal"/>, when given, saves the run as it goes.
    /// </summary>
    public DatasetRun(IStreamClient streams, WindDataset dataset, SimulationSettings settings, TimeProvider? timeProvider = null,
        SavedRun? resumed = null, Func<DatasetRun, Task>? journal = null)
    {
        if ((settings.Error() ?? FaultError(dataset, settings)) is { } error)
            throw new ArgumentException(error, nameof(settings));
        _streams = streams;
        _publisher = new StreamPublisher(streams, maxAttempts: 5, timeProvider);
        _time = timeProvider ?? TimeProvider.System;
        _journal = journal;
        Dataset = dataset;
        Settings = settings;
        if (resumed is not null)
        {
            _sent = resumed.Sent;
            _failed = resumed.Failed;
            ResumedAfter = resumed.Sent;
        }
    }

    /// <summary>A run that was sending when the app stopped and was not resumed: shown with its counts, never started.</summary>
    public static DatasetRun Interrupted(IStreamClient streams, SavedRun saved, string why)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var run = new DatasetRun(streams, saved.Dataset, saved.Settings, resumed: saved) { Status = RunStatus.Interrupted, Error = why };
        run.ResumedAfter = null;
        return run;
    }

    /// <summary>
    /// Why <paramref name="settings"/>' scripted faults or daily profile cannot run on <paramref name="dataset"/> (a
    /// location or turbine it does not have, a value out of range), or null when they can.
    /// </summary>
    public static string? FaultError(WindDataset dataset, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shape = settings.Dataset;
        return FaultFields.Error(shape.Faults, shape.DailyProfile, WindDatasetGenerator.FarmsOf(dataset, shape.Locations, shape.TurbinesPerLocation));
    }

    /// <summary>
    /// What the run injected where: the scripted faults' readings, from its first reading's time (empty before it starts
    /// and when it scripts none). A resumed run starts its script again from where it resumed.
    /// </summary>
    public IReadOnlyList<InjectedFault> GroundTruth { get; private set; } = [];

    /// <summary>For a run resumed after a restart, how many readings its earlier part had sent; otherwise null.</summary>
    public long? ResumedAfter { get; private set; }

    /// <summary>The dataset sent.</summary>
    public WindDataset Dataset { get; }

    /// <summary>Where and how fast.</summary>
    public SimulationSettings Settings { get; }

    /// <summary>Where the run is.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Running;

    /// <summary>What stopped it, when <see cref="Status"/> is Failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Readings stored by the stream.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Readings the stream refused after all retries.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Put entries that were retried.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Raised (on a background thread) after every batch and when the status changes.</summary>
    public event Action? Changed;

    /// <summary>The newest sent records, newest first.</summary>
    public IReadOnlyList<SentRecord> Recent()
    {
        lock (_gate)
            return _recent.ToList();
    }

    /// <summary>Starts sending in the background.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops sending and waits for the batch in flight.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var turbines = Dataset == WindDataset.Diy ? Settings.Dataset.TurbinesPerLocation : Settings.Dataset.Locations * Settings.Dataset.TurbinesPerLocation;
        var generator = new WindDatasetGenerator(Dataset, Settings.Dataset with
        {
            StartTime = started,
            TickInterval = TimeSpan.FromSeconds(turbines / Settings.ReadingsPerSecond),
        });
        GroundTruth = generator.GroundTruth;
        long generated = 0;
        // The readings of the last tick generated that are not due yet.
        var ticked = new Queue<Records.WindReading>();
        // A resumed run sends only what is left of its limit.
        var toSend = Settings.StopAfter - (ResumedAfter ?? 0);
        var savedAt = started;
        try
        {
            await SaveAsync();
            while (!cancellationToken.IsCancellationRequested)
            {
                var elapsed = (_time.GetUtcNow() - started).TotalSeconds;
                var due = (long)(elapsed * Settings.ReadingsPerSecond) + 1;
                if (toSend is { } limit)
                    due = Math.Min(due, limit);
                // Reading by reading as they come due, not tick by tick: at 2 readings/s over 20 turbines a tick is 10 s of
                // readings, and sending it at once would leave the counts (and the stream) still for the next 10 s.
                var batch = new List<Records.WindReading>();
                while (generated + batch.Count < due && batch.Count < 10_000)
                {
                    if (ticked.Count == 0)
                    {
                        foreach (var reading in generator.NextTick())
                            ticked.Enqueue(reading.Reading);
                    }
                    batch.Add(ticked.Dequeue());
                }

                if (batch.Count > 0)
                {
                    await SendAsync(batch, cancellationToken);
                    generated += batch.Count;
                }
                if (toSend is { } total && generated >= total)
                {
                    await EndAsync(RunStatus.Completed, null);
                    return;
                }
                if (_time.GetUtcNow() - savedAt >= TimeSpan.FromSeconds(1))
                {
                    savedAt = _time.GetUtcNow();
                    await SaveAsync();
                }
                await Task.Delay(TimeSpan.FromMilliseconds(batch.Count >= 10_000 ? 0 : 50), _time, cancellationToken);
            }
            await EndAsync(RunStatus.Stopped, null);
        }
        catch (OperationCanceledException)
        {
            await EndAsync(RunStatus.Stopped, null);
        }
        catch (ResourceNotFoundException)
        {
            await EndAsync(RunStatus.Failed, $"Stream {Settings.StreamName} does not exist (any more); sending stopped.");
        }
        catch (StreamException e)
        {
            await EndAsync(RunStatus.Failed, $"The stream refused the readings ({e.ErrorCode}): {e.Message}");
        }
        catch (Exception e)
        {
            await EndAsync(RunStatus.Failed, $"Sending failed: {e.Message}");
        }
    }

    /// <summary>
    /// Ends the run with <paramref name="status"/> and saves it; when the app is stopping rather than the user, the run
    /// stays Running in the journal (with its final counts) so that the next start resumes it.
    /// </summary>
    private async Task EndAsync(RunStatus status, string? error)
    {
        if (!(_shuttingDown && status == RunStatus.Stopped))
            SetStatus(status, error);
        await SaveAsync();
    }

    /// <summary>Saves the run in the journal; a journal that cannot be written does not stop the sending (the page shows the run as it is).</summary>
    private async Task SaveAsync()
    {
        if (_journal is null)
            return;
        try
        {
            await _journal(this);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JournalError = e.Message;
        }
    }

    /// <summary>Why the run could not be saved for a restart, the last time it failed; null when it could.</summary>
    public string? JournalError { get; private set; }

    private async Task SendAsync(List<Records.WindReading> batch, CancellationToken cancellationToken)
    {
        var entries = batch.Select(r => new PutRecordsEntry(r.Location, Records.WindReadingCodec.Encode(r))).ToList();
        var outcome = await _publisher.PutAllAsync(Settings.StreamName, entries, cancellationToken);
        Interlocked.Add(ref _retried, outcome.RetriedEntries);
        Interlocked.Add(ref _failed, outcome.FailedCount);
        Interlocked.Add(ref _sent, batch.Count - outcome.FailedCount);
        lock (_gate)
        {
            for (var i = Math.Max(0, batch.Count - RecentCapacity); i < batch.Count; i++)
            {
                var result = outcome.Results[i];
                if (!result.Succeeded)
                    continue;
                _recent.AddFirst(new SentRecord(batch[i], result.ShardId!, result.SequenceNumber!));
                if (_recent.Count > RecentCapacity)
                    _recent.RemoveLast();
            }
        }
        Changed?.Invoke();
    }

    private void SetStatus(RunStatus status, string? error)
    {
        Status = status;
        Error = error;
        Changed?.Invoke();
    }

    /// <inheritdoc />
    /// <remarks>The app is stopping: the run is saved as still running, so that the next start resumes it.</remarks>
    public async ValueTask DisposeAsync()
    {
        _shuttingDown = true;
        await StopAsync();
        _stop.Dispose();
    }
}

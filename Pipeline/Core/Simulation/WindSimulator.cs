using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The lab's Wind Turbine Data Simulator: at most one run per dataset, started and stopped by the user, within the
/// site's <see cref="Limits"/> (none are set when <paramref name="limits"/> is null). With a <paramref name="journal"/>,
/// runs are saved as they go, and <see cref="ResumeAsync"/> takes up at start the runs that were sending when the app
/// stopped (or shows them as interrupted when <see cref="SimulatorOptions.ResumeRuns"/> is false).
/// </summary>
public sealed class WindSimulator(IStreamClient streams, int defaultShardCount = 2, bool createMissingStreams = true, TimeProvider? timeProvider = null,
    SimulatorOptions? limits = null, RunJournal? journal = null)
    : IAsyncDisposable
{
    private readonly Dictionary<WindDataset, DatasetRun> _runs = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>What runs may do on this site: whether they may start at all, to which streams, how fast.</summary>
    public SimulatorOptions Limits { get; } = limits ?? new SimulatorOptions { MaxRatePerSecond = SimulatorOptions.RateCeilingPerSecond };

    /// <summary>Raised when a run starts, changes or ends.</summary>
    public event Action<WindDataset>? Changed;

    /// <summary>The current or last run of a dataset, or null.</summary>
    public DatasetRun? RunOf(WindDataset dataset)
    {
        lock (_runs)
            return _runs.GetValueOrDefault(dataset);
    }

    /// <summary>
    /// Starts a dataset (stopping its previous run). Creates the stream when it is missing and creation is allowed;
    /// otherwise a missing stream is an error. Throws <see cref="ArgumentException"/> for a value out of its range on
    /// this site or a scripted fault the dataset cannot have (the same message the simulator page shows, from
    /// <see cref="SimulationFields"/> and <see cref="FaultFields"/>: what reaches here is untrusted) and <see cref="InvalidOperationException"/> for a run the site does not allow (turned off, another
    /// stream); then nothing is sent and the previous run goes on.
    /// </summary>
    public async Task<DatasetRun> StartAsync(WindDataset dataset, SimulationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Limits.Enabled && (SimulationFields.Error(settings, Limits.MaxRatePerSecond) ?? DatasetRun.FaultError(dataset, settings)) is { } error)
            throw new ArgumentException(error, nameof(settings));
        if (Limits.Refusal(settings) is { } refusal)
            throw new InvalidOperationException(refusal);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (RunOf(dataset) is { } previous)
                await previous.StopAsync();
            await EnsureStreamAsync(settings.StreamName, cancellationToken);
            return Add(new DatasetRun(streams, dataset, settings, timeProvider, journal: Save), start: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Takes up the runs that were sending when the app stopped: each starts again where it was (its counts go on, a
    /// limit counts what was sent before), unless <see cref="SimulatorOptions.ResumeRuns"/> is false or the site's limits
    /// no longer allow it; then it shows as <see cref="RunStatus.Interrupted"/> with its counts and why.
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        if (journal is null)
            return;
        await journal.EnsureTableAsync(cancellationToken);
        foreach (var saved in await journal.ListAsync(cancellationToken))
        {
            if (saved.Status != RunStatus.Running || RunOf(saved.Dataset) is not null)
                continue;
            var refusal = !Limits.ResumeRuns
                ? "this site does not resume runs after a restart"
                : Limits.Refusal(saved.Settings);
            if (refusal is null)
            {
                await EnsureStreamAsync(saved.Settings.StreamName, cancellationToken);
                Add(new DatasetRun(streams, saved.Dataset, saved.Settings, timeProvider, saved, Save), start: true);
            }
            else
            {
                var run = DatasetRun.Interrupted(streams, saved, $"The app stopped while this run was sending, and it was not resumed: {refusal}.");
                await journal.SaveAsync(run, cancellationToken);
                Add(run, start: false);
            }
        }
    }

    private DatasetRun Add(DatasetRun run, bool start)
    {
        run.Changed += () => Changed?.Invoke(run.Dataset);
        lock (_runs)
            _runs[run.Dataset] = run;
        if (start)
            run.Start();
        Changed?.Invoke(run.Dataset);
        return run;
    }

    private Task Save(DatasetRun run) => journal!.SaveAsync(run);

    /// <summary>Stops a dataset's run, if one is running.</summary>
    public async Task StopAsync(WindDataset dataset)
    {
        if (RunOf(dataset) is { } run)
            await run.StopAsync();
    }

    private async Task EnsureStreamAsync(string streamName, CancellationToken cancellationToken)
    {
        try
        {
            await streams.DescribeStreamAsync(streamName, cancellationToken);
        }
        catch (ResourceNotFoundException) when (createMissingStreams)
        {
            try
            {
                await streams.CreateStreamAsync(streamName, defaultShardCount, cancellationToken);
            }
            catch (ResourceInUseException)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<DatasetRun> runs;
        lock (_runs)
            runs = _runs.Values.ToList();
        foreach (var run in runs)
            await run.DisposeAsync();
        _gate.Dispose();
    }
}

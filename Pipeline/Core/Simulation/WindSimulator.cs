using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The lab's Wind Turbine Data Simulator: at most one run per dataset, started and stopped by the user, within the
/// site's <see cref="Limits"/> (none are set when <paramref name="limits"/> is null).
/// </summary>
public sealed class WindSimulator(IStreamClient streams, int defaultShardCount = 2, bool createMissingStreams = true, TimeProvider? timeProvider = null,
    SimulatorOptions? limits = null)
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
    /// otherwise a missing stream is an error. Throws <see cref="ArgumentException"/> for bad settings and
    /// <see cref="InvalidOperationException"/> for a run beyond the site's <see cref="Limits"/> (naming the setting);
    /// then nothing is sent and the previous run goes on.
    /// </summary>
    public async Task<DatasetRun> StartAsync(WindDataset dataset, SimulationSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.Error() is { } error)
            throw new ArgumentException(error, nameof(settings));
        if (Limits.Refusal(settings) is { } refusal)
            throw new InvalidOperationException(refusal);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (RunOf(dataset) is { } previous)
                await previous.StopAsync();
            await EnsureStreamAsync(settings.StreamName, cancellationToken);
            var run = new DatasetRun(streams, dataset, settings, timeProvider);
            run.Changed += () => Changed?.Invoke(dataset);
            lock (_runs)
                _runs[dataset] = run;
            run.Start();
            Changed?.Invoke(dataset);
            return run;
        }
        finally
        {
            _gate.Release();
        }
    }

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

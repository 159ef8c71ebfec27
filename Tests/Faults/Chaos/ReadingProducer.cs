using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>
/// The turbines of a fault run, as a Kinesis producer outside the app: every <c>interval</c> one reading per turbine,
/// stamped with the wall clock (to the millisecond, as records carry it), put into WindDataStream with the location as
/// partition key. Making readings and putting them are two loops, so a put that hangs or fails (the stream's store is
/// what the fault hit) delays readings but never skips one: they wait in order and are put again until stored, like
/// a producer library's retries. <see cref="Stored"/> is the ledger the audit compares the tables with.
/// Benchmarks compiles this file too (the <c>chaos</c> command).
/// </summary>
internal sealed class ReadingProducer : IAsyncDisposable
{
    private readonly StreamPublisher _publisher;
    private readonly string _stream;
    private readonly IReadOnlyList<string> _locations;
    private readonly int _turbinesPerLocation;
    private readonly TimeSpan _interval;
    private readonly Random _random;
    private readonly Queue<WindReading> _pending = new();
    private readonly List<WindReading> _stored = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _seq;
    private readonly Func<DateTimeOffset, IEnumerable<WindReading>>? _makeTick;
    private Task _making = Task.CompletedTask;
    private Task _putting = Task.CompletedTask;
    private bool _makingStopped;
    private int _failedPuts;

    /// <summary>A producer of <paramref name="turbinesPerLocation"/> turbines at each location, one reading each per <paramref name="interval"/>.</summary>
    public ReadingProducer(IStreamClient streams, string stream, IReadOnlyList<string> locations, int turbinesPerLocation, TimeSpan interval, int seed)
    {
        // One attempt per put: the put loop itself tries again, keeping the order of the readings.
        _publisher = new StreamPublisher(streams, maxAttempts: 1);
        _stream = stream;
        _locations = locations;
        _turbinesPerLocation = turbinesPerLocation;
        _interval = interval;
        _random = new Random(seed);
        _seq = new long[locations.Count * turbinesPerLocation];
    }

    /// <summary>
    /// A producer of the readings <paramref name="makeTick"/> makes for each moment, one call per <paramref name="interval"/>
    /// (a dataset's next tick, stamped with that moment), for <paramref name="locations"/>.
    /// </summary>
    public ReadingProducer(IStreamClient streams, string stream, IReadOnlyList<string> locations, TimeSpan interval, Func<DateTimeOffset, IEnumerable<WindReading>> makeTick)
        : this(streams, stream, locations, 0, interval, 0) => _makeTick = makeTick;

    /// <summary>Readings stored in the stream so far, in the order they were put.</summary>
    public IReadOnlyList<WindReading> Stored
    {
        get
        {
            lock (_stored)
                return [.. _stored];
        }
    }

    /// <summary>Readings made and not stored yet.</summary>
    public int Pending
    {
        get
        {
            lock (_pending)
                return _pending.Count;
        }
    }

    /// <summary>Puts that failed (and were tried again).</summary>
    public int FailedPuts => Volatile.Read(ref _failedPuts);

    /// <summary>The locations readings are made for.</summary>
    public IReadOnlyList<string> Locations => _locations;

    /// <summary>Starts making and putting readings in the background.</summary>
    public void Start()
    {
        _making = Task.Run(() => MakeAsync(_stop.Token));
        _putting = Task.Run(() => PutAsync(_stop.Token));
    }

    /// <summary>Stops making readings and waits until every reading made is stored (or <paramref name="timeout"/> has passed).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Volatile.Write(ref _makingStopped, true);
        await _making.ConfigureAwait(false);
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _putting.ConfigureAwait(false);
        if (Pending > 0)
            throw new TimeoutException($"{Pending} readings could not be put into {_stream} within {timeout.TotalSeconds:F0} s ({FailedPuts} failed puts).");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _makingStopped, true);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_making, _putting).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task MakeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (!Volatile.Read(ref _makingStopped) && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                var time = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
                lock (_pending)
                {
                    foreach (var reading in _makeTick?.Invoke(time) ?? [])
                        _pending.Enqueue(reading);
                    for (var l = 0; l < _locations.Count && _makeTick is null; l++)
                    {
                        for (var t = 0; t < _turbinesPerLocation; t++)
                        {
                            var turbine = (l * _turbinesPerLocation) + t;
                            // Three decimals, as the codec writes speeds: the audit recomputes maxima from these values.
                            var speed = Math.Round(5 + (_random.NextDouble() * 40), 3);
                            _pending.Enqueue(new WindReading(_locations[l], $"{_locations[l]}-T{t + 1:D2}", speed, time, _seq[turbine]++, "chaos"));
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PutAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            List<WindReading> batch;
            lock (_pending)
                batch = [.. _pending.Take(KinesisRules.MaxRecordsPerPut)];
            if (batch.Count == 0)
            {
                await Delay(TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
                continue;
            }

            var succeeded = new bool[batch.Count];
            try
            {
                var outcome = await _publisher.PutAllAsync(_stream, batch.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList(), cancellationToken)
                    .ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                    succeeded[i] = outcome.Results[i].Succeeded;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The store is down or locked: nothing of the batch was stored; it is tried again after a short wait.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Entries that failed go back to the head of the queue, in their order, ahead of the readings made meanwhile.
            var stored = succeeded.Count(s => s);
            lock (_pending)
            {
                var rest = _pending.Skip(batch.Count).ToList();
                _pending.Clear();
                foreach (var reading in batch.Where((_, i) => !succeeded[i]).Concat(rest))
                    _pending.Enqueue(reading);
            }

            lock (_stored)
                _stored.AddRange(batch.Where((_, i) => succeeded[i]));
            if (stored < batch.Count)
            {
                Interlocked.Increment(ref _failedPuts);
                await Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }
        }

        async Task Delay(TimeSpan wait)
        {
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

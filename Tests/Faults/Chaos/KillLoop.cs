using System.Globalization;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>
/// One <c>kill -9</c>: how long after its start the process was killed (whether it had caught up by then or was still
/// replaying), how long the app stayed down, and how long the restart after it took to listen and to catch up (null
/// when the next kill came first).
/// </summary>
internal sealed record KillRecord(int Number, TimeSpan RanFor, bool HadCaughtUp, TimeSpan DownFor, TimeSpan? Listening = null, TimeSpan? Recovered = null);

/// <summary>
/// The app as a separate process that a fault run starts, kills with SIGKILL and starts again; <see cref="Current"/> is
/// the process running now. Benchmarks compiles this file too.
/// </summary>
internal sealed class ChaosApp(Func<AppProcess> start) : IDisposable
{
    /// <summary>How long a start may take before it counts as failed.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Everything every process of this app wrote, oldest first (kept across restarts for failure messages).</summary>
    private readonly List<string> _previousOutputs = [];

    /// <summary>The process running now (or the last one, once killed).</summary>
    public AppProcess Current { get; private set; } = null!;

    /// <summary>The output of every process so far, the current one last.</summary>
    public string Output => string.Join("\n--- restart ---\n", [.. _previousOutputs, Current?.Output ?? ""]);

    /// <summary>Starts a process and waits until it listens.</summary>
    public async Task StartAsync()
    {
        Start();
        await Current.WaitUntilListeningAsync(StartTimeout).ConfigureAwait(false);
    }

    /// <summary>Starts a process without waiting for it.</summary>
    public void Start()
    {
        if (Current is not null)
        {
            _previousOutputs.Add(Current.Output);
            Current.Dispose();
        }

        Current = start();
    }

    /// <summary>Kills the running process at once: no shutdown code, no last checkpoint.</summary>
    public void KillHard() => Current.KillHard();

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose() => Current?.Dispose();
}

/// <summary>
/// Kills the app with SIGKILL at random moments (a seeded <see cref="Random"/>, so a failing run can be replayed) and
/// starts it again after each, measuring how long it takes from the restart until every location's newest readings
/// are in WindDataTable again. A moment may fall while the app is still catching up after the previous restart
/// (replaying from its checkpoints), which is the harder case. Benchmarks compiles this file too.
/// </summary>
internal static class KillLoop
{
    /// <summary>
    /// <paramref name="kills"/> times: let the app run for a random 0.2 s to <paramref name="maxRun"/> from its start
    /// (so a kill may fall while it starts, restores its state or replays, before it listens or catches up), kill it, leave it down for a random 0 to 1 s and start it again, measuring in the background how long until
    /// <paramref name="caughtUpSince"/> holds for the moment of the restart. After the last restart, waits until it
    /// holds (at most <paramref name="catchUpTimeout"/>).
    /// </summary>
    public static async Task<List<KillRecord>> RunAsync(ChaosApp app, int kills, Random random, TimeSpan maxRun,
        Func<DateTimeOffset, Task<bool>> caughtUpSince, TimeSpan catchUpTimeout, Action<string> log)
    {
        var records = new List<KillRecord>();
        Task<TimeSpan>? catchingUp = null;
        var listening = new TimeSpan?[1];
        CancellationTokenSource? stopMeasuring = null;
        for (var number = 1; number <= kills; number++)
        {
            var run = TimeSpan.FromSeconds(0.2 + (random.NextDouble() * (maxRun.TotalSeconds - 0.2)));
            var down = TimeSpan.FromSeconds(random.NextDouble());
            await Task.Delay(run).ConfigureAwait(false);
            if (app.Current.HasExited)
                throw new InvalidOperationException($"The app exited on its own before kill {number}:\n{Tail(app.Output)}");
            app.KillHard();
            var hadCaughtUp = catchingUp is null || catchingUp.IsCompletedSuccessfully;
            if (catchingUp is not null)
                records[^1] = records[^1] with { Recovered = await StopMeasuringAsync(catchingUp, stopMeasuring!).ConfigureAwait(false), Listening = listening[0] };
            log(string.Create(CultureInfo.InvariantCulture,
                $"kill -9 #{number} {run.TotalSeconds:F1} s after the start ({(hadCaughtUp ? "caught up" : "still starting or catching up")}), down for {down.TotalSeconds:F1} s"));
            records.Add(new KillRecord(number, run, hadCaughtUp, down));
            await Task.Delay(down).ConfigureAwait(false);

            var restartedAt = DateTimeOffset.UtcNow;
            app.Start();
            stopMeasuring = new CancellationTokenSource();
            listening = new TimeSpan?[1];
            catchingUp = MeasureRestartAsync(app, restartedAt, listening, caughtUpSince, catchUpTimeout, stopMeasuring.Token);
        }

        if (catchingUp is not null)
        {
            records[^1] = records[^1] with { Recovered = await catchingUp.ConfigureAwait(false), Listening = listening[0] };
            stopMeasuring!.Dispose();
        }

        foreach (var record in records)
        {
            log(string.Create(CultureInfo.InvariantCulture, $"restart after kill #{record.Number}: ")
                + (record.Listening is not { } listened ? "killed again before it listened"
                    : string.Create(CultureInfo.InvariantCulture, $"listened after {listened.TotalSeconds:F1} s, ")
                      + (record.Recovered is { } recovered ? string.Create(CultureInfo.InvariantCulture, $"caught up after {recovered.TotalSeconds:F1} s") : "killed again before it caught up")));
        }
        return records;
    }

    /// <summary>
    /// Waits until the process just started listens (noting when in <paramref name="listening"/>) and has caught up;
    /// returns the time from <paramref name="restartedAt"/>.
    /// </summary>
    private static async Task<TimeSpan> MeasureRestartAsync(ChaosApp app, DateTimeOffset restartedAt, TimeSpan?[] listening, Func<DateTimeOffset, Task<bool>> caughtUpSince,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        await app.Current.WaitUntilListeningAsync(ChaosApp.StartTimeout).ConfigureAwait(false);
        listening[0] = DateTimeOffset.UtcNow - restartedAt;
        return await WaitUntilCaughtUpAsync(app, restartedAt, caughtUpSince, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The time it took, when the measurement finished before the kill; otherwise stops it and returns null.</summary>
    private static async Task<TimeSpan?> StopMeasuringAsync(Task<TimeSpan> measuring, CancellationTokenSource stop)
    {
        if (measuring.IsCompletedSuccessfully)
        {
            stop.Dispose();
            return measuring.Result;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await measuring.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Cancelled, or it saw the process it measured die: either way the kill came first.
        }

        stop.Dispose();
        return null;
    }

    /// <summary>Waits until <paramref name="caughtUpSince"/> holds for <paramref name="since"/>; returns the time from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> WaitUntilCaughtUpAsync(ChaosApp app, DateTimeOffset since, Func<DateTimeOffset, Task<bool>> caughtUpSince, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var deadline = since + timeout;
        var process = app.Current;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool caughtUp;
            try
            {
                caughtUp = await caughtUpSince(since).ConfigureAwait(false);
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                // The store may still be coming back (a restarted server): ask again.
                caughtUp = false;
            }

            if (caughtUp)
                return DateTimeOffset.UtcNow - since;
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited while catching up:\n{Tail(app.Output)}");
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"The app did not catch up within {timeout.TotalSeconds:F0} s of {since:HH:mm:ss.fff}:\n{Tail(app.Output)}");
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The last lines of an output, for a failure message.</summary>
    public static string Tail(string output, int lines = 60) => string.Join("\n", output.Split('\n').TakeLast(lines));
}

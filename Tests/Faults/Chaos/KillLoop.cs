using System.Globalization;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>One <c>kill -9</c>: when it fell, how long the app stayed down, and how long it took to catch up after the restart.</summary>
internal sealed record KillRecord(int Number, TimeSpan RanFor, TimeSpan DownFor, TimeSpan Recovered);

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
        if (Current is not null)
        {
            _previousOutputs.Add(Current.Output);
            Current.Dispose();
        }

        Current = start();
        await Current.WaitUntilListeningAsync(StartTimeout).ConfigureAwait(false);
    }

    /// <summary>Kills the running process at once: no shutdown code, no last checkpoint.</summary>
    public void KillHard() => Current.KillHard();

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose() => Current?.Dispose();
}

/// <summary>
/// Kills the app with SIGKILL at random moments (a seeded <see cref="Random"/>, so a failing run can be replayed) and
/// starts it again after each, measuring how long it takes from the restart until every location's newest readings
/// are in WindDataTable again. Benchmarks compiles this file too.
/// </summary>
internal static class KillLoop
{
    /// <summary>
    /// <paramref name="kills"/> times: let the app run for a random 0.2 to <paramref name="maxRun"/> after it caught up,
    /// kill it, leave it down for a random 0 to 1 s, start it again and wait until <paramref name="caughtUpSince"/>
    /// holds for the moment of the restart (at most <paramref name="catchUpTimeout"/>).
    /// </summary>
    public static async Task<List<KillRecord>> RunAsync(ChaosApp app, int kills, Random random, TimeSpan maxRun,
        Func<DateTimeOffset, Task<bool>> caughtUpSince, TimeSpan catchUpTimeout, Action<string> log)
    {
        var records = new List<KillRecord>();
        for (var number = 1; number <= kills; number++)
        {
            var run = TimeSpan.FromSeconds(0.2 + (random.NextDouble() * (maxRun.TotalSeconds - 0.2)));
            var down = TimeSpan.FromSeconds(random.NextDouble());
            await Task.Delay(run).ConfigureAwait(false);
            if (app.Current.HasExited)
                throw new InvalidOperationException($"The app exited on its own before kill {number}:\n{app.Output}");
            app.KillHard();
            await Task.Delay(down).ConfigureAwait(false);

            var restartedAt = DateTimeOffset.UtcNow;
            await app.StartAsync().ConfigureAwait(false);
            var recovered = await WaitUntilCaughtUpAsync(app, restartedAt, caughtUpSince, catchUpTimeout).ConfigureAwait(false);
            records.Add(new KillRecord(number, run, down, recovered));
            log(string.Create(CultureInfo.InvariantCulture,
                $"kill -9 #{number} after {run.TotalSeconds:F1} s of running, down {down.TotalSeconds:F1} s, caught up {recovered.TotalSeconds:F1} s after the restart"));
        }

        return records;
    }

    /// <summary>Waits until <paramref name="caughtUpSince"/> holds for <paramref name="since"/>; returns the time from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> WaitUntilCaughtUpAsync(ChaosApp app, DateTimeOffset since, Func<DateTimeOffset, Task<bool>> caughtUpSince, TimeSpan timeout)
    {
        var deadline = since + timeout;
        while (true)
        {
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
            if (app.Current.HasExited)
                throw new InvalidOperationException($"The app exited while catching up:\n{Tail(app.Output)}");
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"The app did not catch up within {timeout.TotalSeconds:F0} s of {since:HH:mm:ss.fff}:\n{Tail(app.Output)}");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>The last lines of an output, for a failure message.</summary>
    public static string Tail(string output, int lines = 60) => string.Join("\n", output.Split('\n').TakeLast(lines));
}

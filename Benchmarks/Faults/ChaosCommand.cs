using System.Globalization;
using TurbineConsole.Tests.Faults.Chaos;

namespace TurbineConsole.Benchmarks.Faults;

/// <summary>
/// <c>chaos</c>: the fault suite's kill test, longer. The built web app runs as its own process on the embedded
/// backend while turbines (this process) put readings into WindDataStream; it is killed with SIGKILL at random
/// moments (seeded) and started again after each; at the end both tables are audited against what was put.
/// Prints <c>chaos kills=N readings=N lost=N duplicated=N recover_s_max=N</c>: lost counts readings missing from
/// WindDataTable or from their closed window's count, duplicated readings stored or counted more than once, and
/// recover_s the time from a restart until every location's new readings are in WindDataTable (restarts killed again
/// before that, as a kill may fall while the app is still replaying, are not measured).
/// The kills and the audit's details go to stderr. The same code as the tests (Tests/Faults/Chaos).
/// </summary>
public static class ChaosCommand
{
    /// <summary>Runs the benchmark; options <c>--kills N --seed S --turbines T</c> (turbines per location, four locations, ten readings/s each).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args).Only("kills", "seed", "turbines");
        var kills = arguments.Int("kills", 10);
        var seed = arguments.Int("seed", Random.Shared.Next(1, int.MaxValue));
        var turbines = arguments.Int("turbines", 5);
        Console.Error.WriteLine($"chaos: seed {seed} (--seed {seed} replays these moments), {kills} kills, {FaultRun.Locations.Count * turbines * 10} readings/s");

        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "turbineconsole-chaos-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            AuditResult audit;
            List<KillRecord> records;
            await using (var run = await FaultRun.StartEmbeddedAsync(directory, turbines, seed))
            {
                records = await KillLoop.RunAsync(run.App, kills, new Random(seed), TimeSpan.FromSeconds(6), run.CaughtUpAsync, TimeSpan.FromSeconds(120),
                    line => Console.Error.WriteLine("chaos: " + line));
                audit = await run.FinishAsync(TimeSpan.FromSeconds(120));
                if (run.App.Current.HasExited)
                    Console.Error.WriteLine("chaos: the app stopped on its own:\n" + KillLoop.Tail(run.App.Output));
            }

            Console.Error.WriteLine("chaos: " + audit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"chaos kills={records.Count} readings={audit.Readings} lost={audit.LostAnywhere} duplicated={audit.DuplicatedAnywhere} recover_s_max={records.Max(r => r.Recovered?.TotalSeconds ?? 0):F1}"));
            return audit.ExactlyOnce ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

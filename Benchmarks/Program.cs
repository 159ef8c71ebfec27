using TurbineConsole.Benchmarks.Alerts;
using TurbineConsole.Benchmarks.Aws;
using TurbineConsole.Benchmarks.Cluster;
using TurbineConsole.Benchmarks.Faults;
using TurbineConsole.Benchmarks.Pipeline;
using TurbineConsole.Benchmarks.Rcf;

// Dispatches to one command per class; each command parses its own arguments.
return args.Length == 0 ? Usage() : args[0] switch
{
    "pipeline" => await PipelineCommand.RunAsync(args[1..]),
    "alerts" => await AlertsCommand.RunAsync(args[1..]),
    "puts" => await PutsCommand.RunAsync(args[1..]),
    "rcf" => await RcfCommand.RunAsync(args[1..]),
    "rcf-bdn" => await ForestBenchmarks.RunAsync(args[1..]),
    "chaos" => await ChaosCommand.RunAsync(args[1..]),
    "keys" => await KeysCommand.RunAsync(args[1..]),
    "cluster" => await ClusterCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: TurbineConsole.Benchmarks <command> [options]
        commands:
          pipeline whole flow on the embedded backend: throughput, then latency at a steady rate
                   [--readings N] [--locations L] [--turbines T] [--rate R] [--seconds S]
          alerts   time from a severe reading entering WindDataStream to its email at an SMTP server [--spikes N]
          puts     the put path alone (PutRecords readings/s) on the embedded backend and on kinesalite, in one run
                   [--readings N] [--concurrency C] [--kinesis-url URL]
          rcf      Random Cut Forest throughput and memory at shingle 1, 4 and 8 (trees=50, sample=256), each at
                   bounding-box cache fractions 1, 0.5 and 0 [--shingle N] [--cache F]
          rcf-bdn  the same score-then-update as a BenchmarkDotNet suite (statistics, allocations per point)
          chaos    the web app killed with SIGKILL at random moments while readings flow, then every reading and window
                   audited: lost, duplicated, time to catch up after a restart [--kills N] [--seed S] [--turbines T]
          keys     10,000 locations come and go through the AnomalyDetection job: forests in memory, checkpoint size and
                   memory as they pass [--locations N] [--wave W] [--readings R] [--idle-seconds S] [--cap C]
          cluster  N worker processes on kinesalite, dynalite and redis-server (4 shards): readings/s, CPU per 1,000 readings,
                   and the time for a killed worker's shards to move [--workers N] [--readings R]
        (scoring a series offline is the turbineconsole tool's `score`: dotnet run --project Cli -- score --help)
        """);
    return 2;
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Benchmarks.Aws;

/// <summary>
/// <c>puts</c>: the put path alone (readings encoded and put into WindDataStream with <see cref="StreamPublisher"/>, 500
/// per PutRecords call) against the embedded backend and against Kinesis in one run. Kinesis is kinesalite started from
/// Tests/LocalServers on a free loopback port (run <c>npm ci</c> there first), or <c>--kinesis-url</c>. With no AWS
/// credentials in the environment, fake ones are set (kinesalite does not check them).
/// </summary>
public static class PutsCommand
{
    /// <summary>Runs the benchmark; options <c>--readings N --concurrency C --kinesis-url URL</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args);
        var readings = arguments.Int("readings", 100_000);
        var concurrency = arguments.Int("concurrency", 1);
        const int turbines = 20 * 50;
        var entries = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions { Locations = 20, TurbinesPerLocation = 50 })
            .Take((readings + turbines - 1) / turbines) // ticks: every turbine gives one reading per tick
            .Take(readings).Select(r => new PutRecordsEntry(r.Reading.Location, WindReadingCodec.Encode(r.Reading))).ToList();

        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-puts-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var embedded = EmbeddedBackend.Open(Path.Combine(directory, "turbineconsole.db")))
                await MeasureAsync("embedded", embedded.Streams, entries, concurrency);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Process? kinesalite = null;
        var url = arguments.String("kinesis-url");
        try
        {
            if (url is null)
                (kinesalite, url) = await StartKinesaliteAsync();
            if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null)
            {
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "benchmark-secret");
            }
            var options = new AwsOptions { KinesisServiceUrl = url, Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1" };
            using var kinesis = new KinesisStreamClient(options);
            await MeasureAsync(kinesalite is null ? "kinesis" : "kinesalite", kinesis, entries, concurrency);
        }
        finally
        {
            if (kinesalite is { HasExited: false })
                kinesalite.Kill(entireProcessTree: true);
            kinesalite?.Dispose();
        }
        return 0;
    }

    private static async Task MeasureAsync(string backend, IStreamClient streams, List<PutRecordsEntry> entries, int concurrency)
    {
        var stream = "PutsBenchmark-" + Guid.NewGuid().ToString("N")[..8];
        await streams.CreateStreamAsync(stream, 2);
        if (streams is KinesisStreamClient kinesis)
            await kinesis.WaitUntilActiveAsync(stream);
        var publisher = new StreamPublisher(streams);
        var slice = (entries.Count + concurrency - 1) / concurrency;

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async part =>
        {
            var mine = entries.Skip(part * slice).Take(slice).ToList();
            var failed = 0;
            for (var i = 0; i < mine.Count; i += 5_000)
                failed += (await publisher.PutAllAsync(stream, mine.GetRange(i, Math.Min(5_000, mine.Count - i)))).FailedCount;
            return failed;
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"puts backend={backend} readings={entries.Count} concurrency={concurrency} put_readings_per_s={entries.Count / seconds:F0} failed={outcomes.Sum()} seconds={seconds:F2}");
    }

    private static async Task<(Process Process, string Url)> StartKinesaliteAsync()
    {
        var folder = FindLocalServers();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kinesalite")))
            throw new InvalidOperationException($"kinesalite is not installed: run `npm ci` in {folder}, or pass --kinesis-url.");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kinesalite.js");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return (process, $"http://127.0.0.1:{port}/");
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string FindLocalServers()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Tests", "LocalServers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException("Tests/LocalServers not found above " + AppContext.BaseDirectory + "; pass --kinesis-url.");
    }
}

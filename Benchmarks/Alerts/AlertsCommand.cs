using System.Buffers;
using System.Diagnostics;
using System.Net;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Email;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Benchmarks.Alerts;

/// <summary>
/// <c>alerts</c>: the time from a severe reading entering WindDataStream to its alert email reaching an SMTP server
/// (in this process, on loopback), on the embedded backend, while ordinary wind keeps flowing.
/// </summary>
public static class AlertsCommand
{
    /// <summary>Runs the measurement; option <c>--spikes N</c> (default 10).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var spikes = CommandLine.Parse(args).Int("spikes", 10);
        var received = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var port = FreePort.Next();
        var smtp = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            new SmtpServer.ComponentModel.ServiceProvider().With(new ArrivalStore(received)));
        using var stopSmtp = new CancellationTokenSource();
        var smtpRunning = smtp.StartAsync(stopSmtp.Token);

        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-alerts-bench-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions { DataDirectory = directory };
        var alertOptions = new AlertOptions { IncidentGap = TimeSpan.FromSeconds(1) };
        var email = new EmailChannelOptions { Enabled = true, Host = "127.0.0.1", Port = port, Security = "None", To = ["maintenance@example.com"] };
        await using var backend = EmbeddedBackend.Open(options.DatabasePath);
        using var http = new HttpClient();
        await using var pipeline = new TurbinePipeline(backend, options);
        await using var alerts = new AlertPipeline(backend, options, alertOptions, AlertChannels.Create(alertOptions, http, email: email));
        await pipeline.StartAsync();
        await alerts.StartAsync();
        var publisher = new StreamPublisher(backend.Streams);

        // Ordinary wind from one farm of 4 turbines, 20 readings a second, with a spike now and then.
        var generator = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions { Locations = 1, StartTime = DateTimeOffset.UtcNow });
        var latencies = new List<double>();
        for (var tick = 0; latencies.Count < spikes; tick++)
        {
            var readings = generator.NextTick().Select(r => r.Reading).ToList();
            var spike = tick >= 100 && tick % 50 == 0;
            if (spike)
                readings[0] = readings[0] with { SpeedMph = 95 };
            var before = received.Count;
            var putAt = Stopwatch.GetTimestamp();
            await publisher.PutAllAsync(options.Streams.WindData, readings.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList());
            if (spike)
            {
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
                while (received.Count == before && Stopwatch.GetTimestamp() < deadline)
                    await Task.Delay(1);
                if (received.Count == before)
                    throw new TimeoutException("No alert email within 10 s of a 95 mph reading.");
                latencies.Add(Stopwatch.GetElapsedTime(putAt, received.Last()).TotalMilliseconds);
            }
            await Task.Delay(200);
        }

        latencies.Sort();
        Console.WriteLine($"alerts reading_to_smtp_ms p50={latencies[latencies.Count / 2]:F0} max={latencies[^1]:F0} spikes={latencies.Count}");
        smtp.Shutdown();
        await stopSmtp.CancelAsync();
        try
        {
            await smtpRunning;
        }
        catch (OperationCanceledException)
        {
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private static SmtpServer.ComponentModel.ServiceProvider With(this SmtpServer.ComponentModel.ServiceProvider services, IMessageStore store)
    {
        services.Add(store);
        return services;
    }

    /// <summary>Notes when each message arrived.</summary>
    private sealed class ArrivalStore(System.Collections.Concurrent.ConcurrentQueue<long> arrivals) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

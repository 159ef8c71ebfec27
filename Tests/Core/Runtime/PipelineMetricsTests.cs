using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>The whole flow on a real embedded backend, measured: what each consumer's status and the pipeline's meter say.</summary>
public sealed class PipelineMetricsTests
{
    [Fact]
    public async Task Every_consumer_reports_its_position_counts_and_checkpoint_and_the_meter_counts_batches_and_dead_letters_without_record_values()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new PipelineMetrics(meters);
        using var listener = new Collector(meters);
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        await using var pipeline = new TurbinePipeline(backend, fixture.Options, fixture.Logs, metrics: metrics);
        await pipeline.StartAsync();
        var readings = PipelineFixture.AnomalyDataset(50, locations: 2, turbines: 2).Select(r => r.Reading).ToList();
        await fixture.PutReadingsAsync(readings);
        await new StreamPublisher(backend.Streams).PutAllAsync(fixture.Options.Streams.WindData, [new PutRecordsEntry("Chicago", Encoding.UTF8.GetBytes("this is not json"))]);

        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, readings.Select(r => r.Location).Distinct().ToList(), readings.Count);
        await Eventually.WaitUntilAsync(() => pipeline.AnomalyDetection.Status.Any(s => s.CheckpointBytes > 0), "AnomalyDetection checkpoints its forests");

        var detection = pipeline.AnomalyDetection.Status;
        Assert.Equal(readings.Count + 1, detection.Sum(s => s.RecordsIn));
        Assert.Equal(readings.Count, detection.Sum(s => s.RecordsOut));
        Assert.All(detection.Where(s => s.RecordsIn > 0), s => Assert.NotNull(s.Position));
        Assert.All(pipeline.AnalyticsDestination.Status.Where(s => s.RecordsIn > 0), s => Assert.NotNull(s.LastCheckpointAt));
        Assert.Equal(readings.Count, pipeline.AnalyticsDestination.Status.Sum(s => s.RecordsOut));

        listener.Collect();
        Assert.Equal(readings.Count + 1, listener.Sum(PipelineMetrics.RecordsInName, "AnomalyDetection"));
        Assert.Equal(readings.Count, listener.Sum(PipelineMetrics.RecordsOutName, "AnalyticsDestinationFunction"));
        Assert.True(listener.Sum(PipelineMetrics.BatchDurationName, "CalculateMaxSpeed") > 0, "batch durations are recorded");
        Assert.True(listener.Sum(PipelineMetrics.CheckpointSizeName, "AnomalyDetection") > 10_000, "the forests' checkpoint size is observed");
        Assert.Equal(2, listener.Sum(PipelineMetrics.DeadLettersName, null));
        Assert.Equal(["malformed"], listener.TagValues(PipelineMetrics.DeadLettersName, PipelineMetrics.ReasonTag));
        var tagKeys = listener.TagKeys();
        Assert.Subset(new HashSet<string> { PipelineMetrics.ConsumerTag, PipelineMetrics.ShardTag, PipelineMetrics.ReasonTag }, tagKeys);
        Assert.DoesNotContain(listener.AllTagValues(), v => readings.Any(r => r.Location == v || r.Turbine == v));
    }

    /// <summary>Every measurement of the pipeline's meter of one factory, with its tags.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Collector(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Meter.Scope == meters)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
            _listener.Start();
        }

        /// <summary>Reads the gauges now.</summary>
        public void Collect() => _listener.RecordObservableInstruments();

        public double Sum(string instrument, string? consumer) =>
            _measurements.Where(m => m.Instrument == instrument && (consumer is null || m.Tags.Any(t => t.Key == PipelineMetrics.ConsumerTag && (string?)t.Value == consumer)))
                .Sum(m => m.Value);

        public IReadOnlyList<string?> TagValues(string instrument, string tag) =>
            [.. _measurements.Where(m => m.Instrument == instrument).SelectMany(m => m.Tags).Where(t => t.Key == tag).Select(t => (string?)t.Value).Distinct()];

        public HashSet<string> TagKeys() => [.. _measurements.SelectMany(m => m.Tags).Select(t => t.Key)];

        public IEnumerable<string?> AllTagValues() => _measurements.SelectMany(m => m.Tags).Select(t => t.Value?.ToString());

        public void Dispose() => _listener.Dispose();
    }
}

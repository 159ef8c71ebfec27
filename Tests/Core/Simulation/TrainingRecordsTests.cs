using System.Text;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>The training helpers through the whole pipeline: a malformed record ends under Dead letters, a spike after the warm-up raises an alert.</summary>
public class TrainingRecordsTests
{
    [Fact]
    public async Task A_malformed_record_reaches_the_dead_letter_store_unchanged_as_unreadable()
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        await fixture.StartAsync();
        var training = new TrainingRecords(backend.Streams, fixture.Options.Streams.WindData);

        var sequenceNumber = await training.SendMalformedAsync();

        IReadOnlyList<DeadLetter> deadLetters = [];
        await Eventually.WaitUntilAsync(async () => (deadLetters = await backend.DeadLetters.ListAsync("AnomalyDetection")).Count > 0,
            "the malformed record is dead-lettered by the anomaly detection job", TimeSpan.FromSeconds(30));
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal(TrainingRecords.MalformedBody, Encoding.UTF8.GetString(deadLetter.Data.Span));
        Assert.Equal(sequenceNumber, deadLetter.SequenceNumber);
        Assert.Equal(fixture.Options.Streams.WindData, deadLetter.StreamName);
        Assert.Equal(DeadLetterReason.Malformed, DeadLetterReason.Category(deadLetter.Reason));
    }

    [Fact]
    public async Task A_spike_injected_after_the_warm_up_is_scored_as_an_alert()
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        await fixture.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var warmUp = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions
        {
            Locations = 1,
            TurbinesPerLocation = 4,
            StartTime = now.AddSeconds(-80),
            TickInterval = TimeSpan.FromSeconds(1),
        }).Take(75).Select(r => r.Reading).ToList();
        Assert.True(warmUp.Count > fixture.Options.AnomalyDetection.OutputAfter);
        await fixture.PutReadingsAsync(warmUp);
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Chicago"], warmUp.Count);

        var sent = await new TrainingRecords(backend.Streams, fixture.Options.Streams.WindData).InjectSpikeAsync("Chicago", "CHI-02");

        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Chicago"], warmUp.Count + 1);
        var spike = WindDataItem.ToResult(Assert.Single(items, i => i.GetString(WindDataItem.SortKey) == WindDataItem.EventId(sent.Reading)));
        Assert.Equal(TrainingRecords.SpikeMph, spike.Reading.SpeedMph);
        Assert.True(new AlertOptions().RaisesAlert(spike), $"The spike scored {spike.Score:F2} (grade {spike.Grade}) and raises no alert.");
    }

    [Theory]
    [InlineData("", "CHI-01", "Location must be 1 to 128 characters")]
    [InlineData("Chicago", "<b>CHI</b>", "Turbine contains '<' (U+003C) at position 1")]
    public async Task A_name_the_pipeline_would_refuse_is_refused_with_the_field_and_nothing_is_sent(string location, string turbine, string message)
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        var training = new TrainingRecords(backend.Streams, fixture.Options.Streams.WindData);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => training.InjectSpikeAsync(location, turbine));

        Assert.StartsWith(message, refused.Message);
        var shards = await backend.Streams.ListShardsAsync(fixture.Options.Streams.WindData);
        foreach (var shard in shards)
        {
            var iterator = await backend.Streams.GetShardIteratorAsync(fixture.Options.Streams.WindData, shard.ShardId, StartingPosition.TrimHorizon);
            Assert.Empty((await backend.Streams.GetRecordsAsync(iterator, 10)).Records);
        }
    }
}

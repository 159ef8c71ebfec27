using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Jobs;

public class AnomalyDetectionProcessorTests
{
    private static readonly List<StreamRecord> s_records = new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Locations = 2, TurbinesPerLocation = 3 })
        .Take(400).Select((r, i) => new StreamRecord(i.ToString("D20"), r.Reading.Location, WindReadingCodec.Encode(r.Reading), r.Reading.Timestamp)).ToList();

    [Fact]
    public void Saving_and_restoring_the_state_after_any_record_gives_the_same_output_as_never_stopping()
    {
        var job = new AnomalyDetectionJob("in", "out", new AnomalyDetectionOptions());
        var uninterrupted = Run(job.CreateProcessor(), restoreEvery: 0);

        var restoredOften = Run(job.CreateProcessor(), restoreEvery: 7);

        Assert.Equal(uninterrupted, restoredOften);
    }

    [Fact]
    public void Each_location_gets_its_own_forest_and_results_are_keyed_by_location()
    {
        var output = new JobOutput();
        var processor = new AnomalyDetectionJob("in", "out", new AnomalyDetectionOptions()).CreateProcessor();

        foreach (var record in s_records)
            processor.Process(record, output);

        Assert.Equal(s_records.Count, output.Records.Count);
        Assert.Equal(s_records.Select(r => r.PartitionKey), output.Records.Select(r => r.PartitionKey));
        var results = output.Records.Select(r => AnomalyResultCodec.Decode(r.Data)).ToList();
        // Output-after per forest: each location's first readings score 0, the next one does not.
        var outputAfter = new AnomalyDetectionOptions().OutputAfter;
        foreach (var location in results.GroupBy(r => r.Reading.Location))
        {
            Assert.All(location.Take(outputAfter), r => Assert.Equal(0, r.Score));
            Assert.True(location.Skip(outputAfter).First().Score > 0);
        }
    }

    private static List<string> Run(IShardProcessor processor, int restoreEvery)
    {
        var output = new JobOutput();
        var job = new AnomalyDetectionJob("in", "out", new AnomalyDetectionOptions());
        for (var i = 0; i < s_records.Count; i++)
        {
            processor.Process(s_records[i], output);
            if (restoreEvery > 0 && i % restoreEvery == 0)
            {
                var state = processor.SaveState();
                processor = job.CreateProcessor();
                processor.RestoreState(state);
            }
        }
        return output.Records.Select(r => System.Text.Encoding.UTF8.GetString(r.Data.Span)).ToList();
    }
}

using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// The scores one process gives the readings in WindDataStream, computed here: each location's records, in the order a
/// consumer reads them (a shard after its parents, so across a reshard the parent's records before the child's),
/// through one AnomalyDetection processor per location. The job keys its forests by location and a reshard hands a
/// location's forest from parent to child, so this is an uninterrupted run over the same records, resharded or not.
/// </summary>
internal static class SingleProcessScores
{
    /// <summary>The score of every reading in WindDataStream, by turbine and seq.</summary>
    public static async Task<Dictionary<(string Turbine, long Seq), double>> ComputeAsync(IStreamClient streams, PipelineOptions options)
    {
        var job = new AnomalyDetectionJob(options.Streams.WindData, options.Streams.AnomalyDetection, options.AnomalyDetection, options.EventTime);
        var scores = new Dictionary<(string, long), double>();
        foreach (var location in (await StreamContents.ReadAllAsync(streams, options.Streams.WindData)).GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var processor = job.CreateProcessor();
            var output = new JobOutput();
            foreach (var record in location)
                processor.Process(record, output);
            foreach (var result in output.Records.Select(r => AnomalyResultCodec.Decode(r.Data)))
                scores[(result.Reading.Turbine, result.Reading.Seq)] = result.Score;
        }

        return scores;
    }
}

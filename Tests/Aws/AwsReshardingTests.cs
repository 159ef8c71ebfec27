using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Tests.Core.Runtime;

namespace TurbineConsole.Tests.Aws;

/// <summary>
/// The resharding tests of <see cref="ReshardingTests"/>, unchanged, on the AWS backend: kinesalite splits and merges
/// WindDataStream (UpdateShardCount as the splits and merges it means), dynalite holds the tables and checkpoints. The
/// scores and windows are compared with the same uninterrupted single-process run on the embedded backend.
/// </summary>
[Collection(AwsCollection.Name)]
public sealed class AwsReshardingTests(LocalAwsServers servers, ReshardingTests.UninterruptedRun reference) : ReshardingTests(reference)
{
    protected override TimeSpan WaitTimeout => TimeSpan.FromSeconds(240);

    internal override PipelineFixture CreateFixture(Action<PipelineOptions> configure)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var aws = servers.Options();
        return PipelineFixture.Create(options =>
        {
            options.Backend = BackendKind.Aws;
            options.Streams.WindData = "WindDataStream-" + suffix;
            options.Streams.AnomalyDetection = "AnomalyDetectionStream-" + suffix;
            options.Streams.MaxWindSpeed = "MaxWindSpeed-" + suffix;
            options.Streams.WindRollup = "WindRollupStream-" + suffix;
            options.Tables.WindData = "WindDataTable-" + suffix;
            options.Tables.MaxWindSpeed = "MaxWindSpeedTable-" + suffix;
            options.Tables.WindRollup = "WindRollupTable-" + suffix;
            configure(options);
        }, _ => AwsBackend.Open(aws));
    }
}

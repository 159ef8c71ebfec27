using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Tests.Core.Runtime;

namespace TurbineConsole.Tests.Aws;

/// <summary>
/// The whole-flow tests of <see cref="TurbinePipelineTests"/>, unchanged, on the AWS backend: Kinesis (kinesalite) and
/// DynamoDB (dynalite). Each flow gets streams and tables of its own names. The dataset has two turbines per location
/// instead of four (12,000 readings), for the speed of these single-threaded servers.
/// </summary>
[Collection(AwsCollection.Name)]
public sealed class AwsTurbinePipelineTests(LocalAwsServers servers) : TurbinePipelineTests
{
    protected override int TurbinesPerLocation => 2;

    protected override TimeSpan WaitTimeout => TimeSpan.FromSeconds(120);

    internal override PipelineFixture CreateFixture()
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
        }, _ => AwsBackend.Open(aws));
    }
}

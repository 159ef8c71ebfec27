using System.Globalization;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>
/// The settings a fault run gives the app on its command line: short windows (a few seconds, so that windows close
/// while the run goes on), a checkpoint every second, quick first retries. The idle timeout stays longer than any
/// fault, so no window is closed early while the producer's puts wait. Benchmarks compiles this file too.
/// </summary>
internal static class FaultSettings
{
    /// <summary>Max-speed window length.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>How late a reading may be and still count in its window.</summary>
    public static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(1);

    /// <summary>The settings for the embedded backend in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> Embedded(string dataDirectory) => new(Common)
    {
        ["Pipeline:Backend"] = "Embedded",
        ["Pipeline:DataDirectory"] = dataDirectory,
    };

    /// <summary>The settings for the AWS backend on local servers (credentials come from the app's environment).</summary>
    public static Dictionary<string, string> Aws(Uri kinesis, Uri dynamoDb, string dataDirectory) => new(Common)
    {
        ["Pipeline:Backend"] = "Aws",
        ["Pipeline:DataDirectory"] = dataDirectory,
        ["Pipeline:Aws:Region"] = "us-east-1",
        ["Pipeline:Aws:KinesisServiceUrl"] = kinesis.ToString(),
        ["Pipeline:Aws:DynamoDbServiceUrl"] = dynamoDb.ToString(),
        ["Pipeline:Aws:RequestTimeout"] = "00:00:05",
        ["Pipeline:Aws:MaxRetryAttempts"] = "2",
    };

    /// <summary>The same settings as options, for the test's own view of the streams and tables.</summary>
    public static PipelineOptions Options(string dataDirectory, BackendKind backend = BackendKind.Embedded)
    {
        var options = new PipelineOptions { Backend = backend, DataDirectory = dataDirectory };
        options.MaxSpeed.Window = Window;
        options.MaxSpeed.AllowedLateness = AllowedLateness;
        return options;
    }

    private static Dictionary<string, string> Common => new()
    {
        ["Pipeline:MaxSpeed:Window"] = Format(Window),
        ["Pipeline:MaxSpeed:AllowedLateness"] = Format(AllowedLateness),
        ["Pipeline:MaxSpeed:IdleTimeout"] = "00:02:00",
        ["Pipeline:Jobs:CheckpointInterval"] = "00:00:01",
        ["Pipeline:Jobs:RetryBackoff"] = "00:00:00.200",
        ["Pipeline:Functions:RetryBackoff"] = "00:00:00.100",
        // Readiness that reacts within a few seconds (the defaults wait 10 s of failing, 1 min without progress),
        // as an operator would set it where a 20 s fault matters; the tests assert it turns unhealthy during each fault.
        ["Pipeline:Health:FailingAfter"] = "00:00:02",
        ["Pipeline:Health:StalledAfter"] = "00:00:05",
        ["Pipeline:Health:Interval"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Information",
    };

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}

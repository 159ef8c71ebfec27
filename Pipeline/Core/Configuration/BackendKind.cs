namespace TurbineConsole.Pipeline.Configuration;

/// <summary>Where streams and tables live.</summary>
public enum BackendKind
{
    /// <summary>In-process, durable in one SQLite file: nothing to install.</summary>
    Embedded,
    /// <summary>Kinesis Data Streams, DynamoDB and SNS (or servers that speak their protocols).</summary>
    Aws,
}

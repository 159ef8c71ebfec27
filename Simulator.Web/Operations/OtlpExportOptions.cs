using OpenTelemetry.Exporter;

namespace TurbineConsole.Simulator.Web.Operations;

/// <summary>The <c>Telemetry:Otlp</c> settings: where, if anywhere, the app pushes its metrics over OTLP (besides <c>/metrics</c>).</summary>
public sealed class OtlpExportOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Telemetry:Otlp";

    /// <summary>
    /// The collector's address, for example <c>http://collector:4317</c> (gRPC) or <c>http://collector:4318/v1/metrics</c>
    /// (HTTP); empty (the default): no OTLP export.
    /// </summary>
    public string Endpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (the default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often the metrics are pushed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether an endpoint is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

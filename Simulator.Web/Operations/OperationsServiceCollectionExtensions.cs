using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Simulator.Web.Operations;
using TurbineConsole.Simulator.Web.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what an operator watches: the health checks behind <c>/health/*</c> and the metrics behind <c>/metrics</c> and OTLP.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Tag of the liveness check (the process answers).</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the readiness checks (the backend answers, every consumer keeps up, the disk has room).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Name of the backend's readiness check.</summary>
    public const string BackendCheck = "backend";

    /// <summary>Name of the disk's readiness check.</summary>
    public const string DiskCheck = "disk";

    /// <summary>Each consumer's readiness check, named after it, and where its shards' status comes from (null: it is not run).</summary>
    private static readonly (string Name, Func<IServiceProvider, Func<IReadOnlyList<ConsumerStatus>>?> Status)[] s_consumers =
    [
        ("AnomalyDetection", sp => () => sp.GetRequiredService<TurbinePipeline>().AnomalyDetection.Status),
        ("CalculateMaxSpeed", sp => () => sp.GetRequiredService<TurbinePipeline>().MaxSpeed.Status),
        ("AnalyticsDestinationFunction", sp => () => sp.GetRequiredService<TurbinePipeline>().AnalyticsDestination.Status),
        ("DIYFunction", sp => () => sp.GetRequiredService<TurbinePipeline>().Diy.Status),
        ("WindRollup", sp => () => sp.GetRequiredService<TurbinePipeline>().Rollup.Status),
        ("RollupDestinationFunction", sp => () => sp.GetRequiredService<TurbinePipeline>().RollupDestination.Status),
        ("AnomalyMessageDeliveryFunction", sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value.Enabled
            ? () => sp.GetRequiredService<AlertPipeline>().Mapping.Status
            : null),
    ];

    /// <summary>The names of the consumers' readiness checks.</summary>
    public static IReadOnlyList<string> ConsumerChecks { get; } = [.. s_consumers.Select(c => c.Name)];

    /// <summary>
    /// Binds and validates (at start) <c>Pipeline:Health</c> and <c>Telemetry:Otlp</c>; adds the liveness check, the
    /// readiness checks (backend, disk, one per consumer), the <see cref="ReadinessMonitor"/> that the pages read (the
    /// checks run every <c>Pipeline:Health:Interval</c>), and OpenTelemetry metrics from the pipeline's and the live
    /// feed's meters, served for Prometheus and pushed over OTLP when <c>Telemetry:Otlp:Endpoint</c> is set.
    /// Needs the pipeline's, the alerts' and the telemetry's services.
    /// </summary>
    public static IServiceCollection AddTurbineConsoleOperations(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddOptions<OtlpExportOptions>().BindConfiguration(OtlpExportOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OtlpExportOptions>, OtlpExportOptionsValidator>();

        var checks = services.AddHealthChecks()
            .AddCheck(LiveTag, () => HealthCheckResult.Healthy("The process answers."), tags: [LiveTag])
            .Add(new HealthCheckRegistration(BackendCheck,
                sp => new BackendHealthCheck(sp.GetRequiredService<PipelineBackend>(), PipelineSettings(sp), HealthSettings(sp)), null, [ReadyTag]))
            .Add(new HealthCheckRegistration(DiskCheck, sp => PipelineSettings(sp).Backend == BackendKind.Embedded
                ? new DiskSpaceHealthCheck(PipelineSettings(sp).DataDirectory, HealthSettings(sp))
                : new FixedHealthCheck(HealthCheckResult.Healthy("Not used: the AWS backend keeps no data on this machine.")), null, [ReadyTag]));
        foreach (var (name, status) in s_consumers)
        {
            checks.Add(new HealthCheckRegistration(name, sp => status(sp) is { } shards
                ? new ConsumerHealthCheck(name, shards, HealthSettings(sp), sp.GetService<TimeProvider>())
                : new FixedHealthCheck(HealthCheckResult.Healthy($"{name}: not run (turned off in the settings).")), null, [ReadyTag]));
        }

        services.AddSingleton<ReadinessMonitor>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<ReadinessMonitor>());
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<HealthOptions>>((publisher, health) =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = health.Value.Interval >= TimeSpan.FromSeconds(1) ? health.Value.Interval : TimeSpan.FromSeconds(1);
            publisher.Timeout = health.Value.BackendTimeout + TimeSpan.FromSeconds(5);
            publisher.Predicate = registration => registration.Tags.Contains(ReadyTag);
        });

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("TurbineConsole"))
            .WithMetrics(metrics => metrics
                .AddMeter(PipelineMetrics.MeterName, TelemetryMetrics.MeterName)
                .AddPrometheusExporter()
                .Configure(AddOtlpWhenSet));
        return services;
    }

    /// <summary>Pushes the metrics to <c>Telemetry:Otlp:Endpoint</c> every <c>Telemetry:Otlp:Interval</c>, when an endpoint is set.</summary>
    private static void AddOtlpWhenSet(IServiceProvider services, MeterProviderBuilder metrics)
    {
        var otlp = services.GetRequiredService<IOptions<OtlpExportOptions>>().Value;
        if (!otlp.Enabled)
            return;
        var exporter = new OtlpMetricExporter(new OtlpExporterOptions { Endpoint = new Uri(otlp.Endpoint), Protocol = otlp.Protocol });
        metrics.AddReader(new PeriodicExportingMetricReader(exporter, (int)otlp.Interval.TotalMilliseconds));
    }

    /// <summary>Runs <paramref name="configure"/> once the services exist (the settings are read from them).</summary>
    private static MeterProviderBuilder Configure(this MeterProviderBuilder metrics, Action<IServiceProvider, MeterProviderBuilder> configure) =>
        ((IDeferredMeterProviderBuilder)metrics).Configure(configure);

    private static PipelineOptions PipelineSettings(IServiceProvider sp) => sp.GetRequiredService<IOptions<PipelineOptions>>().Value;

    private static HealthOptions HealthSettings(IServiceProvider sp) => sp.GetRequiredService<IOptions<HealthOptions>>().Value;

    /// <summary>A check whose answer does not change: for a part the settings turned off.</summary>
    private sealed class FixedHealthCheck(HealthCheckResult result) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(result);
    }
}

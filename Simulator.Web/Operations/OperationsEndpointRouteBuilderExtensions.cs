using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints an operator's tools call: <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
public static class OperationsEndpointRouteBuilderExtensions
{
    /// <summary>Path of the liveness probe.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Path of the Prometheus scrape.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Maps the probes (JSON; 200 when healthy or degraded, 503 when unhealthy) and the Prometheus scrape. All three
    /// allow anonymous callers, so that load balancers, orchestrators and Prometheus reach them when sign-in is required
    /// elsewhere; they say how the app is, never what it holds.
    /// </summary>
    public static IEndpointRouteBuilder MapTurbineConsoleOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(OperationsServiceCollectionExtensions.LiveTag),
            ResponseWriter = TurbineConsole.Simulator.Web.Operations.HealthResponse.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(OperationsServiceCollectionExtensions.ReadyTag),
            ResponseWriter = TurbineConsole.Simulator.Web.Operations.HealthResponse.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return endpoints;
    }
}

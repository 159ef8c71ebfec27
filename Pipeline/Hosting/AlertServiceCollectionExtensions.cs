using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers alerting (incidents, channels, the alert function) in a host that already has the pipeline.</summary>
public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Alerts</c> settings and runs the <see cref="AlertPipeline"/> as a hosted
    /// service. <see cref="AlertService"/> (acknowledge, resolve, list), <see cref="AlertStore"/> (its Changed event),
    /// <see cref="AlertDispatcher"/> (channel health) and <see cref="InAppAlertChannel"/> become injectable.
    /// </summary>
    public static IServiceCollection AddTurbineConsoleAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<InAppAlertChannel>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>().Value;
            var pipelineOptions = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            IAlertChannel[] sns = options.Sns.Enabled ? [new SnsAlertChannel(new SnsPublisher(pipelineOptions.Aws), options.Sns.TopicArn)] : [];
            var channels = AlertChannels.Create(options, new HttpClient(), sp.GetRequiredService<InAppAlertChannel>(), sns);
            return new AlertPipeline(sp.GetRequiredService<PipelineBackend>(), pipelineOptions, options, channels, sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Service);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Store);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Dispatcher);
        services.AddHostedService<AlertHostedService>();
        return services;
    }
}

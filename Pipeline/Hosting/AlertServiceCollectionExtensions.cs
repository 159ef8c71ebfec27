using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Email;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers alerting (incidents, channels, the alert function) in a host that already has the pipeline.</summary>
public static class AlertServiceCollectionExtensions
{
    /// <summary>Name of the HTTP client the webhook channel posts with.</summary>
    public const string WebhookHttpClient = "alerts-webhook";

    /// <summary>
    /// Binds and validates (at start) the <c>Alerts</c> settings (and <c>Alerts:Email</c>, <c>Alerts:Sns</c>) and runs
    /// the <see cref="AlertPipeline"/> as a hosted service. <see cref="AlertService"/> (acknowledge, comment, resolve, list),
    /// <see cref="AlertStore"/> (its Changed event), <see cref="SilenceStore"/>, <see cref="AlertPolicyStore"/>,
    /// <see cref="AlertDispatcher"/> (channel health) and
    /// <see cref="InAppAlertChannel"/> become injectable.
    /// </summary>
    public static IServiceCollection AddTurbineConsoleAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddOptions<EmailChannelOptions>().BindConfiguration(EmailChannelOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailChannelOptions>, EmailChannelOptionsValidator>();
        services.AddOptions<SnsChannelOptions>().BindConfiguration(SnsChannelOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SnsChannelOptions>, SnsChannelOptionsValidator>();
        services.AddHttpClient(WebhookHttpClient);
        services.AddSingleton<InAppAlertChannel>();
        // The container owns the publisher and disposes it with the host; it is made only when the channel is on.
        services.AddSingleton(sp => new SnsPublisher(sp.GetRequiredService<IOptions<AwsOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>().Value;
            var sns = sp.GetRequiredService<IOptions<SnsChannelOptions>>().Value;
            var channels = AlertChannels.Create(options,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookHttpClient),
                sp.GetRequiredService<InAppAlertChannel>(),
                sp.GetRequiredService<IOptions<EmailChannelOptions>>().Value,
                sns,
                sns.Enabled ? sp.GetRequiredService<SnsPublisher>() : null);
            return new AlertPipeline(sp.GetRequiredService<PipelineBackend>(), sp.GetRequiredService<IOptions<PipelineOptions>>().Value,
                options, channels, sp.GetService<ILoggerFactory>(), metrics: sp.GetRequiredService<PipelineMetrics>());
        });
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Service);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Store);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Silences);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Policies);
        services.AddSingleton(sp => sp.GetRequiredService<AlertPipeline>().Dispatcher);
        services.AddHostedService<AlertHostedService>();
        return services;
    }
}

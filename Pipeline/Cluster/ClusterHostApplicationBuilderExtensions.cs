using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Cluster;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace Microsoft.Extensions.Hosting;

/// <summary>Makes a process a member of the cluster its <c>Pipeline:Role</c> names (nothing for <c>All</c>).</summary>
public static class ClusterHostApplicationBuilderExtensions
{
    /// <summary>
    /// <c>Worker</c>: an Orleans silo on Redis membership (<c>Pipeline:Cluster</c>) hosting the shards' owners, the keeper
    /// that wakes them, and the publishers of its results and in-app notifications. <c>Web</c>: the subscribers that hand
    /// every worker's results, incidents and in-app notifications to this process's dashboards. <c>All</c>: nothing. Needs the pipeline's and the alerts' services.
    /// </summary>
    public static IHostApplicationBuilder AddTurbineConsoleCluster(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Read(builder.Configuration);
        if (options is null || options.Role == ProcessRole.All)
            return builder;

        builder.Services.AddSingleton(sp => new RedisConnection(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Cluster));
        if (options.Role == ProcessRole.Web)
        {
            builder.Services.AddHostedService<ResultSubscriber>();
            builder.Services.AddHostedService<InAppSubscriber>();
            return builder;
        }

        builder.Services.AddSingleton(sp =>
        {
            var pipeline = sp.GetRequiredService<TurbinePipeline>();
            var consumers = pipeline.Consumers.ToList();
            if (sp.GetRequiredService<IOptions<AlertOptions>>().Value.Enabled)
                consumers.Add(sp.GetRequiredService<AlertPipeline>().Mapping);
            var checkpoints = pipeline.Backend.Checkpoints as FencedCheckpointStore
                ?? throw new InvalidOperationException("A worker's checkpoints must be fenced (Pipeline:Role Worker wraps them in a FencedCheckpointStore).");
            return new ClusterConsumers(consumers, checkpoints);
        });
        builder.Services.AddHostedService<ResultPublisher>();
        builder.Services.AddHostedService<InAppPublisher>();
        var cluster = options.Cluster;
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisOptions(cluster.Redis));
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ClusterId;
            });
            silo.ConfigureEndpoints(Advertised(cluster.AdvertisedAddress), cluster.SiloPort, gatewayPort: 0);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // A worker killed with kill -9 refuses connections at once: three probes missed at ProbeTimeout, two
                // votes, and it is dead within a few seconds; gossip tells the others at once, the table is read every 2 s.
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = 3;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = cluster.IAmAliveInterval;
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            });
            // A call to an owner on a worker that died fails once the worker is declared dead, not after Orleans's 30 s.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            silo.AddPlacementDirector<ShardPlacement, ShardPlacementDirector>();
        });
        builder.Services.AddHostedService(sp => new ShardKeeper(sp.GetRequiredService<ClusterConsumers>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IStreamClient>(), cluster.KeeperInterval, sp.GetRequiredService<ILogger<ShardKeeper>>()));
        return builder;
    }

    /// <summary>The pipeline settings as configured, or null when they cannot be read (start checks then say why).</summary>
    private static PipelineOptions? Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static ConfigurationOptions RedisOptions(string redis)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>The address other workers reach this one at: the setting, else this machine's first IPv4 address, else loopback.</summary>
    private static IPAddress Advertised(string address)
    {
        if (IPAddress.TryParse(address, out var parsed))
            return parsed;
        try
        {
            return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }
}

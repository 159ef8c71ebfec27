using StackExchange.Redis;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>The process's connection to the cluster's Redis (reconnecting on its own), and the names the cluster uses there.</summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    /// <summary>A connection to <see cref="ClusterOptions.Redis"/>, opened on first use.</summary>
    public RedisConnection(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Redis);
        configuration.AbortOnConnectFail = false;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
        ResultsChannel = RedisChannel.Literal(options.ClusterId + ":results");
        InAppChannel = RedisChannel.Literal(options.ClusterId + ":inapp");
    }

    /// <summary>The multiplexer.</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>The channel the workers publish their results on.</summary>
    public RedisChannel ResultsChannel { get; }

    /// <summary>The channel the workers publish their in-app notifications on.</summary>
    public RedisChannel InAppChannel { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
            _multiplexer.Value.Dispose();
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Tests.Core.Health;

public sealed class BackendHealthCheckTests : IAsyncLifetime
{
    private readonly PipelineOptions _options = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "turbineconsole-health-" + Guid.NewGuid().ToString("N")) };
    private PipelineBackend _backend = null!;

    public Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(_options.DatabasePath);
        return Task.CompletedTask;
    }

    private Task<HealthCheckResult> CheckAsync() => new BackendHealthCheck(_backend, _options, new HealthOptions()).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_backend_that_has_the_stream_and_the_table_is_healthy()
    {
        await new TurbinePipeline(_backend, _options).EnsureResourcesAsync();

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("The Embedded backend answers: stream WindDataStream has 2 shard(s), table WindDataTable exists.", result.Description);
    }

    [Fact]
    public async Task A_backend_without_the_stream_is_unhealthy_with_its_error()
    {
        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("The Embedded backend fails: ", result.Description);
        Assert.Contains("WindDataStream", result.Description);
    }

    [Fact]
    public async Task A_backend_whose_table_is_missing_is_unhealthy_and_names_the_table()
    {
        await _backend.Streams.CreateStreamAsync(_options.Streams.WindData, 2);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("The Embedded backend answers, but table WindDataTable does not exist.", result.Description);
        Assert.Null(result.Exception);
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        try
        {
            Directory.Delete(_options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

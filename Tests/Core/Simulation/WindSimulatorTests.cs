using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Embedded;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>The simulator within a site's limits (<see cref="SimulatorOptions"/>), on the embedded stream.</summary>
public sealed class WindSimulatorTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    private readonly SqliteStreamClient _streams = new(directory.SharedDatabase);

    [Fact]
    public async Task A_start_into_a_stream_not_in_AllowedStreams_is_refused_naming_the_setting_and_creates_and_sends_nothing()
    {
        var allowed = await NewStreamAsync();
        var other = "Other" + Guid.NewGuid().ToString("N")[..12];
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { AllowedStreams = [allowed] });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Normal, Settings(other, rate: 20)));

        Assert.Contains("Simulator:AllowedStreams", error.Message);
        Assert.Contains(other, error.Message);
        Assert.Null(simulator.RunOf(WindDataset.Normal));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _streams.DescribeStreamAsync(other));
    }

    [Fact]
    public async Task A_start_above_MaxRatePerSecond_is_refused_naming_the_setting_and_sends_nothing()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { MaxRatePerSecond = 50 });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Anomaly, Settings(stream, rate: 50.5)));

        Assert.Contains("Simulator:MaxRatePerSecond (50 readings/s", error.Message);
        Assert.Null(simulator.RunOf(WindDataset.Anomaly));
        await Task.Delay(200);
        Assert.Equal(0, await CountAsync(stream));
    }

    [Fact]
    public async Task With_the_simulator_turned_off_every_start_is_refused_naming_Simulator_Enabled()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { Enabled = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Diy, Settings(stream, rate: 1)));

        Assert.Contains("Simulator:Enabled is false", error.Message);
        Assert.Equal(0, await CountAsync(stream));
    }

    [Fact]
    public async Task A_start_within_the_limits_runs_and_a_refused_one_leaves_it_running()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { AllowedStreams = [stream], MaxRatePerSecond = 50 });

        var run = await simulator.StartAsync(WindDataset.Normal, Settings(stream, rate: 50));
        await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Normal, Settings(stream, rate: 500)));

        Assert.Same(run, simulator.RunOf(WindDataset.Normal));
        Assert.Equal(RunStatus.Running, run.Status);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (run.Sent == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(run.Sent > 0, "The run within the limits sent nothing.");
    }

    [Fact]
    public async Task Without_limits_a_simulator_allows_any_stream_up_to_the_rates_ceiling()
    {
        await using var simulator = new WindSimulator(_streams);

        Assert.True(simulator.Limits.Enabled);
        Assert.Null(simulator.Limits.Refusal(Settings("AnyStream", rate: SimulatorOptions.RateCeilingPerSecond)));
    }

    private static SimulationSettings Settings(string stream, double rate) =>
        new() { StreamName = stream, ReadingsPerSecond = rate, Dataset = new DatasetOptions { Locations = 2, TurbinesPerLocation = 2 } };

    private Task<string> NewStreamAsync() => SimulatorStreams.NewAsync(_streams);

    private Task<int> CountAsync(string stream) => SimulatorStreams.CountAsync(_streams, stream);
}
